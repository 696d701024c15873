import { resolve } from 'node:path';
import { L as LocalEvidenceSource } from './local-source-D-IaSU-f.js';
import { i as fileDigest, j as approvalsFromFile } from './load-CHsN1Tpm.js';
import { c as collect, p as parseFormat, a as parseNamedPaths } from './options-D-qxy_-4.js';
import { d as decisionToJson } from './render-json-CUauJDeH.js';
import { r as renderDecisionMarkdown } from './render-markdown-eHBcBIzT.js';
import { r as renderDecisionText } from './render-text-D3-QUhK-.js';

/** The flags `evaluate` and `promote` share (SPEC §5). */
function addEvaluationFlags(command) {
    return command
        .requiredOption('--policy <file>', 'policy file (YAML or JSON)')
        .requiredOption('--model <name>', 'model name')
        .requiredOption('--version <version>', 'candidate version (7 means v7.0.0)')
        .requiredOption('--to <stage>', 'target stage')
        .option('--from <stage>', 'source stage (default: the stage before --to)')
        .option('--evidence <name=path>', 'evidence file, overriding the policy (repeatable)', collect)
        .option('--baseline-evidence <name=path>', "the baseline version's evidence (repeatable)", collect)
        .option('--baseline-version <version>', 'the version in the baseline stage (evaluate: default inferred)')
        .option('--no-baseline', 'there is no model in the baseline stage: vs_baseline gates are skipped')
        .option('--approvals <file>', 'approvals as GET /actions/runs/{run_id}/approvals returns them')
        .option('--actor <login>', 'who triggered the run (never counts as an approver)')
        .option('--model-file <file>', "recompute the model's sha256 and compare it with lineage model_digest")
        .option('--format <format>', 'text, json or markdown', 'text');
}
async function cliEvaluation(flags, io) {
    const format = parseFormat(flags.format);
    const source = new LocalEvidenceSource(io.cwd);
    const options = {
        model: flags.model,
        version: flags.version,
        to: flags.to,
        ...(flags.from !== undefined && { from: flags.from }),
        evidence: parseNamedPaths(flags.evidence, '--evidence'),
        baselineEvidence: parseNamedPaths(flags.baselineEvidence, '--baseline-evidence'),
        ...(flags.actor !== undefined && { actor: flags.actor })
    };
    if (flags.baseline === false)
        options.baselineVersion = null;
    else if (flags.baselineVersion !== undefined)
        options.baselineVersion = flags.baselineVersion;
    if (flags.modelFile)
        options.modelDigest = await fileDigest(resolve(io.cwd, flags.modelFile));
    const deps = {
        source,
        now: () => new Date(),
        ...(flags.approvals !== undefined && { approvals: approvalsFromFile(source, flags.approvals) })
    };
    return { policyPath: resolve(io.cwd, flags.policy), options, deps, format };
}

/** Colour only on a terminal, and never when NO_COLOR is set (no-color.org). */
function useColor(io) {
    return Boolean(io.stdout.isTTY) && io.env.NO_COLOR === undefined && io.env.TERM !== 'dumb';
}
function renderDecision(decision, format, io) {
    if (format === 'json')
        return `${JSON.stringify(decisionToJson(decision), null, 2)}\n`;
    if (format === 'markdown')
        return renderDecisionMarkdown(decision);
    return renderDecisionText(decision, { color: useColor(io) });
}
/** Notes for evidence the gates wanted that nobody provided (stderr, so JSON stays clean). */
function reportUnavailable(unavailable, io) {
    for (const [name, why] of unavailable)
        io.stderr.write(`modelgate: note: evidence "${name}" ${why}\n`);
}

export { addEvaluationFlags as a, renderDecision as b, cliEvaluation as c, reportUnavailable as r };
