import { n as normalizeVersion, L as LocalEvidenceSource, p as parseStructured } from './version-31-gweMq.js';
import { R as RegistryError } from './errors-C8WN8CYy.js';
import { b as assertModelName, m as modelTagPrefixes, f as registeredVersions, h as registrationTag, a as addRegistryFlag, g as gitRegistry } from './registry-options-Ba7MzMqK.js';
import { E as EXIT } from './io-BCJg_Pez.js';
import { p as parseFormat } from './options-D-qxy_-4.js';
import 'node:fs/promises';
import 'node:path';
import 'process';
import 'buffer';
import './_commonjsHelpers-BFTU3MAI.js';
import './escape-Dp7Zgixl.js';
import './render-json-CUauJDeH.js';
import 'node:child_process';

/** `<model>@v<semver>` on the model's commit. One version per commit, as GTO maps versions by commit. */
async function register(options, registry, now = () => new Date()) {
    assertModelName(options.model);
    const version = normalizeVersion(options.version);
    const commit = await registry.resolveCommit(options.commit ?? 'HEAD');
    const tags = await registry.listTags(modelTagPrefixes(options.model));
    const versions = registeredVersions(tags, options.model);
    const existing = versions.get(version);
    if (existing)
        throw new RegistryError(`${options.model} ${version} is already registered (commit ${existing.commit.slice(0, 12)})`);
    for (const [other, at] of versions) {
        if (at.commit === commit) {
            throw new RegistryError(`commit ${commit.slice(0, 12)} already holds ${options.model} ${other}; register each version on the commit that produced it`);
        }
    }
    const tag = registrationTag(options.model, version);
    const details = {
        model: options.model,
        version,
        created_at: now().toISOString(),
        ...(options.lineage && { lineage: options.lineage })
    };
    const message = `register ${options.model} ${version}\n\n${JSON.stringify(details, null, 2)}\n`;
    const created = await registry.createTag({ name: tag, commit, message });
    if (!created)
        throw new RegistryError(`${tag} was registered by someone else just now`);
    return { tag, version, commit };
}

function registerRegisterCommand(program, io, setExit) {
    addRegistryFlag(program.command('register'))
        .description('register a model version on the commit that produced it (tag <model>@v<semver>)')
        .requiredOption('--model <name>', 'model name')
        .requiredOption('--version <version>', 'version (7 means v7.0.0)')
        .option('--commit <rev>', 'commit that produced the model (default: HEAD)')
        .option('--lineage <file>', 'lineage JSON to keep in the tag message')
        .option('--format <format>', 'text or json', 'text')
        .action(async (flags) => {
        const format = parseFormat(flags.format, ['text', 'json']);
        let lineage;
        if (flags.lineage) {
            const file = await new LocalEvidenceSource(io.cwd).read('lineage', { format: 'json' }, flags.lineage);
            lineage = parseStructured(file);
        }
        const result = await register({
            model: flags.model,
            version: flags.version,
            ...(flags.commit && { commit: flags.commit }),
            ...(lineage && { lineage })
        }, gitRegistry(flags, io));
        io.stdout.write(format === 'json'
            ? `${JSON.stringify(result, null, 2)}\n`
            : `registered ${flags.model} ${result.version} at ${result.commit.slice(0, 12)} (tag ${result.tag})\n`);
        setExit(EXIT.ok);
    });
}

export { registerRegisterCommand };
