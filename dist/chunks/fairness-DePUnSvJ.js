import { M as ModelgateError } from './errors-C8WN8CYy.js';

// Placeholder until the issue that owns `modelgate fairness` lands; replaced, never shipped as is.
function registerFairnessCommand(program, _io, setExit) {
    program
        .command('fairness')
        .description('fairness (not yet built)')
        .action(() => {
        setExit(2);
        throw new ModelgateError('internal', 'modelgate fairness is not built yet');
    });
}

export { registerFairnessCommand };
