export { A as ArchiveError, E as EvidenceError, G as GitHubError, L as LocalEvidenceSource, M as ModelgateError, P as PolicyError, R as RegistryError, S as StatisticsError, U as UsageError, c as countApprovals, e as escapeHtml, a as escapeMarkdown, b as evaluate, f as findTransition, d as formatLocated, i as isModelgateError, l as loadEvidence, g as loadEvidenceSet, h as loadPolicy, m as modelMatches, n as normalizeVersion, p as parseDuration, j as parseEnvironmentReviews, k as parsePolicy, o as prepareEvaluation, r as renderDecisionMarkdown, q as resolveMetricPath } from './chunks/load-C2nTHcJp.js';
export { V as VERSION, d as decisionToJson, p as policyJsonSchema, r as renderDecisionText } from './chunks/version-DDSGfboR.js';
import 'node:fs/promises';
import 'node:path';
import 'node:crypto';
import 'node:fs';
import 'process';
import 'buffer';
