// Every shared engine case, grouped by semantic rule.
import { edgeCases } from './edge.js';
import { ipBlockCases } from './ipblock.js';
import { isolationCases } from './isolation.js';
import { portCases } from './ports.js';
import { selectorCases } from './selectors.js';
import type { EngineCase } from './types.js';

export type { EngineCase, Probe } from './types.js';
export const engineCases: EngineCase[] = [...isolationCases, ...selectorCases, ...ipBlockCases, ...portCases, ...edgeCases];
