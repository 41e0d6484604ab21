// Registry of CLI commands, in the order `netpol --help` lists them. Each file exports `register`.
import type { Command } from 'commander';
import { register as registerValidate } from './validate.js';
import { register as registerAnalyze } from './analyze.js';
import { register as registerCanReach } from './can-reach.js';
import { register as registerExplain } from './explain.js';
import { register as registerDiff } from './diff.js';
import { register as registerAudit } from './audit.js';
import { register as registerPivot } from './pivot.js';
import { register as registerCompile } from './compile.js';
import { register as registerEnforce } from './enforce.js';
import { register as registerLab } from './lab.js';
import { register as registerServe } from './serve.js';
import { register as registerSnapshot } from './snapshot.js';
import { register as registerAgent } from './agent.js';
// Adds --cluster to the read commands above; it must run after they are registered.
import { register as registerClusterInput } from '../cluster-input.js';

export type RegisterCommand = (program: Command) => void;

export const commands: RegisterCommand[] = [
  registerValidate,
  registerAnalyze,
  registerCanReach,
  registerExplain,
  registerDiff,
  registerAudit,
  registerPivot,
  registerCompile,
  registerEnforce,
  registerLab,
  registerServe,
  registerSnapshot,
  registerAgent,
  registerClusterInput,
];
