// matchesSelector against the operator table of k8s.io/apimachinery labels.Requirement.Matches.
import { describe, expect, it } from 'vitest';
import { formatSelector, isEmptySelector, matchesSelector } from '../../src/core/engine/selectors.js';
import { expr, sel } from './fixtures.js';

const L = { app: 'web', tier: 'front' };

describe('matchesSelector', () => {
  it.each([
    ['{} matches everything', sel(), {}, true],
    ['{} matches labelled', sel(), L, true],
    ['matchLabels equal', sel({ app: 'web' }), L, true],
    ['matchLabels value differs', sel({ app: 'db' }), L, false],
    ['matchLabels key absent', sel({ env: 'prod' }), L, false],
    ['matchLabels all pairs', sel({ app: 'web', tier: 'back' }), L, false],
    ['In hit', sel({}, [expr('app', 'In', ['db', 'web'])]), L, true],
    ['In miss', sel({}, [expr('app', 'In', ['db'])]), L, false],
    ['In absent key', sel({}, [expr('env', 'In', ['prod'])]), L, false],
    ['NotIn hit', sel({}, [expr('app', 'NotIn', ['web'])]), L, false],
    ['NotIn other value', sel({}, [expr('app', 'NotIn', ['db'])]), L, true],
    ['NotIn absent key matches', sel({}, [expr('env', 'NotIn', ['prod'])]), L, true],
    ['Exists', sel({}, [expr('tier', 'Exists')]), L, true],
    ['Exists absent', sel({}, [expr('env', 'Exists')]), L, false],
    ['DoesNotExist', sel({}, [expr('env', 'DoesNotExist')]), L, true],
    ['DoesNotExist present', sel({}, [expr('app', 'DoesNotExist')]), L, false],
    ['labels AND expressions', sel({ app: 'web' }, [expr('tier', 'In', ['back'])]), L, false],
    ['expressions AND', sel({}, [expr('app', 'Exists'), expr('tier', 'NotIn', ['front'])]), L, false],
    ['empty value is a value', sel({ app: '' }), { app: '' }, true],
    ['key named like a prototype member', sel({}, [expr('constructor', 'Exists')]), {}, false],
  ])('%s', (_name, s, labels, want) => {
    expect(matchesSelector(s, labels)).toBe(want);
  });

  it('formats selectors kubectl-style', () => {
    expect(formatSelector(sel())).toBe('all');
    expect(isEmptySelector(sel())).toBe(true);
    expect(formatSelector(sel({ app: 'db' }, [expr('t', 'In', ['a', 'b']), expr('x', 'NotIn', ['y']), expr('e', 'Exists'), expr('d', 'DoesNotExist')]))).toBe(
      'app=db,t in (a,b),x notin (y),e,!d',
    );
  });
});
