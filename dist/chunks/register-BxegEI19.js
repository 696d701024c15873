import { R as RegistryError } from './errors-C8WN8CYy.js';
import { f as assertModelName, m as modelTagPrefixes, g as registeredVersions, h as registrationTag } from './state-ByNzwhuh.js';
import { n as normalizeVersion } from './version-Dm4lwVae.js';

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

export { register as r };
