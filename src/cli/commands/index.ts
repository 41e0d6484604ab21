// Registry of CLI commands. One line per command; each file exports `register`.
import type { Command } from 'commander';

export type RegisterCommand = (program: Command) => void;

export const commands: RegisterCommand[] = [];
import { register as registerServe } from './serve.js';
commands.push(registerServe);
import { register as registerAnalyze } from './analyze.js';
commands.push(registerAnalyze);
import { register as registerDiff } from './diff.js';
commands.push(registerDiff);
import { register as registerValidate } from './validate.js';
commands.push(registerValidate);
import { register as registerAudit } from './audit.js';
commands.push(registerAudit);
import { register as registerPivot } from './pivot.js';
commands.push(registerPivot);
import { register as registerCanReach } from './can-reach.js';
commands.push(registerCanReach);
import { register as registerExplain } from './explain.js';
commands.push(registerExplain);
import { register as registerCompile } from './compile.js';
commands.push(registerCompile);
import { register as registerEnforce } from './enforce.js';
commands.push(registerEnforce);
import { register as registerLab } from './lab.js';
commands.push(registerLab);
import { register as registerClusterInput } from '../cluster-input.js';
commands.push(registerClusterInput);
import { register as registerSnapshot } from './snapshot.js';
commands.push(registerSnapshot);
import { register as registerAgent } from './agent.js';
commands.push(registerAgent);
