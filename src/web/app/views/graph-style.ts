// Cytoscape styles of the Graph view. Isolation shows as two shields on each endpoint: left =
// ingress, right = egress; filled when a policy isolates that direction, hollow when all is open.
const SHIELD = 'M0 2 L6 0 L12 2 L12 7 C12 11 6 14 6 14 C6 14 0 11 0 7 Z';

function shieldSvg(isoIn: boolean, isoOut: boolean): string {
  const one = (x: number, on: boolean, color: string) =>
    `<path transform="translate(${x} 3)" d="${SHIELD}" fill="${on ? color : 'none'}" stroke="${on ? color : '#9aa5b1'}" stroke-width="1.2" ${on ? '' : 'stroke-dasharray="2 1.5"'}/>`;
  const svg =
    `<svg xmlns="http://www.w3.org/2000/svg" width="160" height="20" viewBox="0 0 160 20">` +
    `${one(2, isoIn, '#1d6fd6')}${one(146, isoOut, '#c2410c')}</svg>`;
  return `data:image/svg+xml;utf8,${encodeURIComponent(svg)}`;
}

export const graphStyle: unknown[] = [
  {
    selector: 'node',
    style: {
      label: 'data(label)',
      'font-family': 'system-ui, sans-serif',
      'font-size': 11,
      'text-valign': 'center',
      'text-halign': 'center',
      'text-wrap': 'wrap',
      'text-max-width': '150px',
      shape: 'round-rectangle',
      width: 160,
      height: 34,
      'background-color': '#ffffff',
      'border-width': 1,
      'border-color': '#52606d',
      color: '#1f2933',
    },
  },
  ...([
    [false, false],
    [true, false],
    [false, true],
    [true, true],
  ] as const).map(([i, o]) => ({
    selector: `node.ep.in-${i}.out-${o}`,
    style: {
      'background-image': shieldSvg(i, o),
      'background-fit': 'none',
      'background-width': '160px',
      'background-height': '20px',
      'background-position-y': '0px',
      'background-clip': 'none',
      'text-margin-y': 4,
    },
  })),
  { selector: 'node.external', style: { shape: 'hexagon', 'background-color': '#fdf6e3', 'border-color': '#b7791f' } },
  {
    selector: 'node.ns',
    style: {
      shape: 'round-rectangle',
      'background-color': '#eef2f7',
      'background-opacity': 0.7,
      'border-color': '#7b8794',
      'border-style': 'dashed',
      'text-valign': 'top',
      'text-halign': 'center',
      'font-weight': 'bold',
      'font-size': 13,
      padding: '14px',
    },
  },
  {
    selector: 'node.folded',
    style: {
      shape: 'round-rectangle',
      width: 190,
      height: 48,
      'background-color': '#dbe7f5',
      'border-width': 2,
      'border-color': '#3e5c76',
      'font-weight': 'bold',
    },
  },
  {
    selector: 'edge',
    style: {
      width: 1.5,
      'curve-style': 'bezier',
      'target-arrow-shape': 'triangle',
      'line-color': '#2f855a',
      'target-arrow-color': '#2f855a',
      label: 'data(label)',
      'font-size': 9,
      'text-rotation': 'autorotate',
      'text-background-color': '#ffffff',
      'text-background-opacity': 0.85,
      'text-background-padding': '1px',
      color: '#22543d',
    },
  },
  { selector: 'edge.agg', style: { 'line-style': 'dashed', width: 2.5 } },
  { selector: ':selected', style: { 'border-width': 3, 'border-color': '#d69e2e', 'line-color': '#d69e2e', 'target-arrow-color': '#d69e2e' } },
  { selector: '.dim', style: { opacity: 0.15 } },
];
