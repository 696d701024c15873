import { M as ModelgateError } from './errors-C8WN8CYy.js';

// Placeholder until the issue that owns `modelgate drift` lands; replaced, never shipped as is.
function registerDriftCommand(program, _io, setExit) {
    program
        .command('drift')
        .description('drift (not yet built)')
        .action(() => {
        setExit(2);
        throw new ModelgateError('internal', 'modelgate drift is not built yet');
    });
}

export { registerDriftCommand };
