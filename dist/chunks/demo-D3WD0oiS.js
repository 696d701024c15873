import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { m as main } from './main-RHYD6bNk.js';
import './_commonjsHelpers-BFTU3MAI.js';
import 'node:events';
import 'node:process';
import './errors-C8WN8CYy.js';
import './io-BCJg_Pez.js';
import './version-DUFcXNvv.js';

// The worked examples, embedded so `modelgate demo` needs nothing but itself.
// Kept in step with test/fixtures/examples by test/demo/fixtures.test.ts.
const FRAUD_V7 = {
    'approvals.json': '[\n  {\n    "state": "approved",\n    "comment": "Shadow SLOs met; fairness within policy.",\n    "environments": [\n      {\n        "id": 101,\n        "node_id": "EN_101",\n        "name": "prod-owner",\n        "url": "https://api.github.com/repos/acme/fraud/environments/prod-owner",\n        "html_url": "https://github.com/acme/fraud/deployments/activity_log?environments_filter=prod-owner",\n        "created_at": "2024-09-01T10:00:00Z",\n        "updated_at": "2024-09-01T10:00:00Z"\n      }\n    ],\n    "user": {\n      "login": "maria-owner",\n      "id": 501,\n      "node_id": "U_501",\n      "avatar_url": "",\n      "gravatar_id": "",\n      "url": "https://api.github.com/users/maria-owner",\n      "html_url": "https://github.com/maria-owner",\n      "type": "User",\n      "site_admin": false\n    }\n  },\n  {\n    "state": "approved",\n    "comment": "Reviewed drift and canary plan.",\n    "environments": [\n      {\n        "id": 102,\n        "node_id": "EN_102",\n        "name": "prod-reviewer",\n        "url": "https://api.github.com/repos/acme/fraud/environments/prod-reviewer",\n        "html_url": "https://github.com/acme/fraud/deployments/activity_log?environments_filter=prod-reviewer",\n        "created_at": "2024-09-01T10:00:00Z",\n        "updated_at": "2024-09-01T10:00:00Z"\n      }\n    ],\n    "user": {\n      "login": "li-reviewer",\n      "id": 502,\n      "node_id": "U_502",\n      "avatar_url": "",\n      "gravatar_id": "",\n      "url": "https://api.github.com/users/li-reviewer",\n      "html_url": "https://github.com/li-reviewer",\n      "type": "User",\n      "site_admin": false\n    }\n  }\n]',
    'drift.json': '{ "psi": 0.07, "ks_pvalue": 0.31 }\n',
    'fairness.json': '{ "segments": ["region", "age_band"], "tpr_gap": 0.021, "fpr_gap": 0.008 }\n',
    'online.json': '{ "window": "staging-shadow-2h", "latency_p95_ms": 62, "error_rate": 0.002, "requests": 184220 }\n',
    'policy.yaml': '# Staging -> Prod for fraud_detector: online SLOs, drift, fairness, two approvals, canary with rollback.\nversion: 1\nmodel: fraud_detector\nstages: [dev, staging, prod]\nbaseline: prod\ntransitions:\n  - to: staging\n    gates:\n      - { id: auc-floor, metric: offline.auc, min: 0.90 }\n  - to: prod\n    gates:\n      - { id: latency-p95, metric: online.latency_p95_ms, max: 80 }\n      - { id: error-rate, metric: online.error_rate, max: 0.01 }\n      - { id: drift-psi, metric: drift.psi, below: 0.2 }\n      - { id: tpr-gap, metric: fairness.tpr_gap, below: 0.03 }\n    approvals:\n      required: 2\n      environments: [prod-owner, prod-reviewer]\n      prevent_self_approval: true\n    rollout:\n      strategy: canary\n      steps: [{ weight: 10, hold: 30m }, { weight: 50, hold: 2h }, { weight: 100 }]\n    rollback:\n      to: previous\n      when:\n        - { metric: online.latency_p95_ms, above: 80, for: 5m }\n'
};

/** A sustained p95 breach: 20 minutes at 62 ms, then 12 minutes at 95 ms, one sample a minute. */
function latencySeries(start) {
    const healthy = Array.from({ length: 20 }, (_, i) => [start + i * 60, 60 + (i % 3)]);
    const breach = Array.from({ length: 12 }, (_, i) => [start + (20 + i) * 60, 95 + (i % 4)]);
    return [...healthy, ...breach];
}
/**
 * `modelgate demo`: register v1, v2 and v3 of fraud_detector in a scratch git repository,
 * promote v1 to staging and prod, v2 through staging and a canary to prod with two approvals,
 * show v3 blocked, roll prod back after a sustained SLO breach, then print the history.
 */
async function runDemo(io, options = {}) {
    const dir = mkdtempSync(join(tmpdir(), 'modelgate-demo-'));
    const git = (...args) => {
        execFileSync('git', args, {
            cwd: dir,
            stdio: 'ignore',
            env: { ...process.env, GIT_TERMINAL_PROMPT: '0' }
        });
    };
    const write = (name, text) => writeFileSync(join(dir, name), text);
    const bold = (text) => (io.stderr.isTTY ? `\u001b[1m${text}\u001b[0m` : text);
    const say = (text) => void io.stderr.write(`\n${bold(`# ${text}`)}\n`);
    try {
        git('init', '-q', '-b', 'main');
        git('config', 'user.name', 'modelgate demo');
        git('config', 'user.email', 'demo@modelgate.invalid');
        git('config', 'commit.gpgsign', 'false');
        git('config', 'tag.gpgsign', 'false');
        for (const [name, text] of Object.entries(FRAUD_V7))
            write(name, text);
        write('offline-v1.json', '{ "auc": 0.93 }\n');
        write('offline-v2.json', '{ "auc": 0.95 }\n');
        write('offline-v3.json', '{ "auc": 0.87 }\n');
        write('monitoring.json', `${JSON.stringify({ latency_p95_ms: latencySeries(1763800000) })}\n`);
        const commit = (message) => {
            write('TRAINING_RUN', `${message}\n`);
            git('add', '-A');
            git('commit', '-q', '-m', message);
        };
        const approvals = ['--approvals', 'approvals.json', '--actor', 'release-bot'];
        const prod = (version) => [
            'promote',
            '--policy',
            'policy.yaml',
            '--model',
            'fraud_detector',
            '--version',
            version,
            '--to',
            'prod',
            '--evidence',
            'online=online.json',
            '--evidence',
            'drift=drift.json',
            '--evidence',
            'fairness=fairness.json',
            ...approvals
        ];
        const staging = (version, offline) => [
            'promote',
            '--policy',
            'policy.yaml',
            '--model',
            'fraud_detector',
            '--version',
            version,
            '--to',
            'staging',
            '--evidence',
            `offline=${offline}`
        ];
        say(`A scratch git repository is the registry: ${dir}`);
        commit('train fraud_detector v1');
        const steps = [
            {
                explain: 'Register v1 on the commit that trained it (tag fraud_detector@v1.0.0).',
                argv: ['register', '--model', 'fraud_detector', '--version', '1'],
                expect: 0
            },
            {
                explain: 'v1 to staging: the offline AUC 0.93 clears the 0.90 floor.',
                argv: staging('1', 'offline-v1.json'),
                expect: 0
            },
            {
                explain: 'v1 to prod: SLOs, drift and fairness pass, and two people approved in two environments. The first prod model needs no canary.',
                argv: prod('1'),
                expect: 0
            }
        ];
        for (const step of steps)
            if ((await runStep(step, dir, io, say)) !== 0)
                return 2;
        commit('train fraud_detector v2');
        const more = [
            {
                explain: 'Register v2 on its own commit.',
                argv: ['register', '--model', 'fraud_detector', '--version', '2'],
                expect: 0
            },
            { explain: 'v2 to staging: AUC 0.95.', argv: staging('2', 'offline-v2.json'), expect: 0 },
            {
                explain: 'v2 to prod, canary step 1: 10% of traffic on v2, 90% stays on v1.',
                argv: prod('2'),
                expect: 0
            },
            { explain: 'Advancing the canary is a promote of the same version: 50%.', argv: prod('2'), expect: 0 },
            {
                explain: 'Final step: 100% on v2, and v1 is archived (recorded, never deleted).',
                argv: prod('2'),
                expect: 0
            },
            {
                explain: 'Which version serves prod now?',
                argv: ['resolve', '--model', 'fraud_detector', '--stage', 'prod'],
                expect: 0
            }
        ];
        for (const step of more)
            if ((await runStep(step, dir, io, say)) !== 0)
                return 2;
        commit('train fraud_detector v3');
        const last = [
            {
                explain: 'Register v3.',
                argv: ['register', '--model', 'fraud_detector', '--version', '3'],
                expect: 0
            },
            {
                explain: 'v3 to staging is blocked: AUC 0.87 is under the 0.90 floor. The attempt is recorded (GTO ignores it) and nothing moves.',
                argv: staging('3', 'offline-v3.json'),
                expect: 1
            },
            {
                explain: 'Monitoring shows prod p95 latency above 80 ms for 12 minutes (the trigger needs 5): roll prod back to the previous version.',
                argv: [
                    'rollback',
                    '--policy',
                    'policy.yaml',
                    '--model',
                    'fraud_detector',
                    '--monitoring',
                    'online=monitoring.json'
                ],
                expect: 0
            },
            {
                explain: 'prod after the rollback:',
                argv: ['resolve', '--model', 'fraud_detector', '--stage', 'prod'],
                expect: 0
            },
            {
                explain: 'The audit trail, from git tags alone:',
                argv: ['history', '--model', 'fraud_detector'],
                expect: 0
            }
        ];
        for (const step of last)
            if ((await runStep(step, dir, io, say)) !== 0)
                return 2;
        say(options.keep
            ? `Kept the registry at ${dir} (try: git -C ${dir} tag -n1)`
            : 'Done. The scratch repository is removed; run with --keep to look around.');
        return 0;
    }
    finally {
        if (!options.keep)
            rmSync(dir, { recursive: true, force: true });
    }
}
async function runStep(step, cwd, io, say) {
    say(step.explain);
    io.stderr.write(`$ modelgate ${step.argv.join(' ')}\n`);
    const code = await main(step.argv, { ...io, cwd });
    if (code !== step.expect) {
        io.stderr.write(`modelgate demo: expected exit ${step.expect}, got ${code}; stopping\n`);
        return 1;
    }
    return 0;
}

function registerDemoCommand(program, io, setExit) {
    program
        .command('demo')
        .description('a whole lifecycle in a scratch git repository: register, promote, canary, a blocked attempt, rollback, history')
        .option('--keep', 'keep the scratch repository and print where it is')
        .action(async (flags) => {
        setExit(await runDemo(io, { keep: Boolean(flags.keep) }));
    });
}

export { registerDemoCommand };
