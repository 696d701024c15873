// The worked examples, embedded so `modelgate demo` needs nothing but itself.
// Kept in step with test/fixtures/examples by test/demo/fixtures.test.ts.

export const CHURN_V3: Readonly<Record<string, string>> = {
  'baseline-offline.json': '{ "auc": 0.85, "logloss": 0.34, "dataset": "holdout-2024-09" }\n',
  'baseline-schema.json':
    '{ "features": [\n  { "name": "tenure_months", "type": "integer", "required": true },\n  { "name": "monthly_charges", "type": "number", "required": true },\n  { "name": "contract_type", "type": "string", "required": true }\n] }\n',
  'checks.json': '{ "unit-tests": "success", "integration-tests": "success" }\n',
  'lineage.json':
    '{ "model_digest": "sha256:9f2c1e7b5d4a3c2b1a0f9e8d7c6b5a4f3e2d1c0b9a8f7e6d5c4b3a2f1e0d9c8b",\n  "data_snapshot": "s3://ml-data/churn/train-2024-09-01",\n  "code_commit": "1234abcd5678ef901234abcd5678ef901234abcd",\n  "environment_lock": "sha256:0d1c2b3a4f5e6d7c8b9a0f1e2d3c4b5a6f7e8d9c0b1a2f3e4d5c6b7a8f9e0d1c" }\n',
  'offline.json': '{ "auc": 0.88, "logloss": 0.31, "dataset": "holdout-2024-09" }\n',
  'policy.yaml':
    '# Dev -> Staging for churn_classifier: offline metric vs baseline, schema, tests, security, lineage.\nversion: 1\nmodel: churn_classifier\nstages: [dev, staging, prod]\nbaseline: prod\ntransitions:\n  - to: staging\n    gates:\n      - { id: auc-vs-baseline, metric: offline.auc, vs_baseline: { min_delta: 0.02 } }\n      - { id: schema, schema_compatible: { evidence: schema } }\n      - { id: tests, checks: [unit-tests, integration-tests] }\n      - { id: security, metric: security.findings.critical, max: 0 }\n      - { id: lineage, lineage: [model_digest, data_snapshot, code_commit, environment_lock] }\n  - to: prod\n    gates:\n      - { id: latency-p95, metric: online.latency_p95_ms, max: 80 }\n    approvals:\n      required: 2\n      environments: [prod-owner, prod-reviewer]\n      prevent_self_approval: true\n',
  'schema.json':
    '{ "features": [\n  { "name": "tenure_months", "type": "integer", "required": true },\n  { "name": "monthly_charges", "type": "number", "required": true },\n  { "name": "contract_type", "type": "string", "required": true },\n  { "name": "support_tickets_90d", "type": "integer", "required": false }\n] }\n',
  'security.json':
    '{ "scanner": "dependency-and-secret-scan", "findings": { "critical": 0, "high": 0, "medium": 2 } }\n'
}

export const FRAUD_V7: Readonly<Record<string, string>> = {
  'approvals.json':
    '[\n  {\n    "state": "approved",\n    "comment": "Shadow SLOs met; fairness within policy.",\n    "environments": [\n      {\n        "id": 101,\n        "node_id": "EN_101",\n        "name": "prod-owner",\n        "url": "https://api.github.com/repos/acme/fraud/environments/prod-owner",\n        "html_url": "https://github.com/acme/fraud/deployments/activity_log?environments_filter=prod-owner",\n        "created_at": "2024-09-01T10:00:00Z",\n        "updated_at": "2024-09-01T10:00:00Z"\n      }\n    ],\n    "user": {\n      "login": "maria-owner",\n      "id": 501,\n      "node_id": "U_501",\n      "avatar_url": "",\n      "gravatar_id": "",\n      "url": "https://api.github.com/users/maria-owner",\n      "html_url": "https://github.com/maria-owner",\n      "type": "User",\n      "site_admin": false\n    }\n  },\n  {\n    "state": "approved",\n    "comment": "Reviewed drift and canary plan.",\n    "environments": [\n      {\n        "id": 102,\n        "node_id": "EN_102",\n        "name": "prod-reviewer",\n        "url": "https://api.github.com/repos/acme/fraud/environments/prod-reviewer",\n        "html_url": "https://github.com/acme/fraud/deployments/activity_log?environments_filter=prod-reviewer",\n        "created_at": "2024-09-01T10:00:00Z",\n        "updated_at": "2024-09-01T10:00:00Z"\n      }\n    ],\n    "user": {\n      "login": "li-reviewer",\n      "id": 502,\n      "node_id": "U_502",\n      "avatar_url": "",\n      "gravatar_id": "",\n      "url": "https://api.github.com/users/li-reviewer",\n      "html_url": "https://github.com/li-reviewer",\n      "type": "User",\n      "site_admin": false\n    }\n  }\n]',
  'drift.json': '{ "psi": 0.07, "ks_pvalue": 0.31 }\n',
  'fairness.json': '{ "segments": ["region", "age_band"], "tpr_gap": 0.021, "fpr_gap": 0.008 }\n',
  'online.json':
    '{ "window": "staging-shadow-2h", "latency_p95_ms": 62, "error_rate": 0.002, "requests": 184220 }\n',
  'policy.yaml':
    '# Staging -> Prod for fraud_detector: online SLOs, drift, fairness, two approvals, canary with rollback.\nversion: 1\nmodel: fraud_detector\nstages: [dev, staging, prod]\nbaseline: prod\ntransitions:\n  - to: staging\n    gates:\n      - { id: auc-floor, metric: offline.auc, min: 0.90 }\n  - to: prod\n    gates:\n      - { id: latency-p95, metric: online.latency_p95_ms, max: 80 }\n      - { id: error-rate, metric: online.error_rate, max: 0.01 }\n      - { id: drift-psi, metric: drift.psi, below: 0.2 }\n      - { id: tpr-gap, metric: fairness.tpr_gap, below: 0.03 }\n    approvals:\n      required: 2\n      environments: [prod-owner, prod-reviewer]\n      prevent_self_approval: true\n    rollout:\n      strategy: canary\n      steps: [{ weight: 10, hold: 30m }, { weight: 50, hold: 2h }, { weight: 100 }]\n    rollback:\n      to: previous\n      when:\n        - { metric: online.latency_p95_ms, above: 80, for: 5m }\n'
}
