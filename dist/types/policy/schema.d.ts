import { z } from 'zod';
/**
 * The policy file as users write it (docs/policy.md). Every object is strict so a misspelt key is an
 * error, not a silently ignored gate. Cross-field rules (one check kind per gate, declared stages,
 * unique ids) live in `validate.ts`, where they can name the exact key that breaks them.
 */
/** GTO's name rule (iterative/gto `gto/constants.py`, `name`): tag-safe, starts and ends alphanumeric. */
export declare const NAME_PATTERN: RegExp;
/** A model name, or a glob of one with `*` and `?`. */
export declare const MODEL_PATTERN: RegExp;
/** Gate ids appear in markdown, statuses, annotations and shell: keep them plain. */
export declare const GATE_ID_PATTERN: RegExp;
/** Evidence names appear in `--evidence name=path` and metric paths. */
export declare const EVIDENCE_NAME_PATTERN: RegExp;
/** `<evidence>.<path>` with dotted keys, `[n]` indices and `["quoted.key"]` segments. */
export declare const METRIC_PATTERN: RegExp;
export declare const DURATION_PATTERN: RegExp;
/**
 * Names that would reach an object's prototype chain when used as a key (`evidence.constructor`
 * would find `Object`): refused as evidence names so no lookup by name can ever hit them.
 */
export declare const RESERVED_NAMES: ReadonlySet<string>;
export declare const evidenceFormats: readonly ["json", "yaml", "evidently", "k6", "samples", "predictions", "histogram", "timeseries", "prometheus"];
export declare const evidenceSpecSchema: z.ZodObject<{
    artifact: z.ZodOptional<z.ZodString>;
    path: z.ZodOptional<z.ZodString>;
    format: z.ZodOptional<z.ZodEnum<{
        json: "json";
        yaml: "yaml";
        evidently: "evidently";
        k6: "k6";
        samples: "samples";
        predictions: "predictions";
        histogram: "histogram";
        timeseries: "timeseries";
        prometheus: "prometheus";
    }>>;
    series: z.ZodOptional<z.ZodString>;
    reference: z.ZodOptional<z.ZodString>;
    current: z.ZodOptional<z.ZodString>;
    group: z.ZodOptional<z.ZodString>;
    label: z.ZodOptional<z.ZodString>;
    prediction: z.ZodOptional<z.ZodString>;
    positive: z.ZodOptional<z.ZodString>;
    allow_fork_runs: z.ZodOptional<z.ZodBoolean>;
}, z.core.$strict>;
export declare const vsBaselineSchema: z.ZodObject<{
    min_delta: z.ZodOptional<z.ZodNumber>;
    max_delta: z.ZodOptional<z.ZodNumber>;
    min_relative: z.ZodOptional<z.ZodNumber>;
    max_relative: z.ZodOptional<z.ZodNumber>;
    metric: z.ZodOptional<z.ZodString>;
}, z.core.$strict>;
export declare const gateSchema: z.ZodObject<{
    id: z.ZodString;
    description: z.ZodOptional<z.ZodString>;
    metric: z.ZodOptional<z.ZodString>;
    min: z.ZodOptional<z.ZodNumber>;
    max: z.ZodOptional<z.ZodNumber>;
    above: z.ZodOptional<z.ZodNumber>;
    below: z.ZodOptional<z.ZodNumber>;
    equals: z.ZodOptional<z.ZodUnion<readonly [z.ZodBoolean, z.ZodString, z.ZodNumber]>>;
    vs_baseline: z.ZodOptional<z.ZodObject<{
        min_delta: z.ZodOptional<z.ZodNumber>;
        max_delta: z.ZodOptional<z.ZodNumber>;
        min_relative: z.ZodOptional<z.ZodNumber>;
        max_relative: z.ZodOptional<z.ZodNumber>;
        metric: z.ZodOptional<z.ZodString>;
    }, z.core.$strict>>;
    schema_compatible: z.ZodOptional<z.ZodObject<{
        evidence: z.ZodString;
    }, z.core.$strict>>;
    checks: z.ZodOptional<z.ZodArray<z.ZodString>>;
    app: z.ZodOptional<z.ZodString>;
    lineage: z.ZodOptional<z.ZodArray<z.ZodEnum<{
        model_digest: "model_digest";
        data_snapshot: "data_snapshot";
        code_commit: "code_commit";
        environment_lock: "environment_lock";
        model_uri: "model_uri";
    }>>>;
    verify_model_file: z.ZodOptional<z.ZodBoolean>;
    max_model_file_bytes: z.ZodOptional<z.ZodNumber>;
    evidence: z.ZodOptional<z.ZodString>;
    severity: z.ZodOptional<z.ZodEnum<{
        block: "block";
        warn: "warn";
    }>>;
    optional: z.ZodOptional<z.ZodBoolean>;
}, z.core.$strict>;
export declare const approvalsSchema: z.ZodObject<{
    required: z.ZodNumber;
    environments: z.ZodArray<z.ZodString>;
    prevent_self_approval: z.ZodOptional<z.ZodBoolean>;
}, z.core.$strict>;
export declare const rolloutSchema: z.ZodObject<{
    strategy: z.ZodEnum<{
        canary: "canary";
        shadow: "shadow";
        direct: "direct";
    }>;
    steps: z.ZodOptional<z.ZodArray<z.ZodObject<{
        weight: z.ZodNumber;
        hold: z.ZodOptional<z.ZodString>;
    }, z.core.$strict>>>;
}, z.core.$strict>;
export declare const rollbackSchema: z.ZodObject<{
    to: z.ZodOptional<z.ZodUnion<readonly [z.ZodString, z.ZodNumber]>>;
    when: z.ZodArray<z.ZodObject<{
        metric: z.ZodString;
        above: z.ZodOptional<z.ZodNumber>;
        below: z.ZodOptional<z.ZodNumber>;
        drop_relative: z.ZodOptional<z.ZodNumber>;
        for: z.ZodOptional<z.ZodString>;
        baseline_window: z.ZodOptional<z.ZodString>;
    }, z.core.$strict>>;
}, z.core.$strict>;
export declare const transitionSchema: z.ZodObject<{
    from: z.ZodOptional<z.ZodString>;
    to: z.ZodString;
    gates: z.ZodOptional<z.ZodArray<z.ZodObject<{
        id: z.ZodString;
        description: z.ZodOptional<z.ZodString>;
        metric: z.ZodOptional<z.ZodString>;
        min: z.ZodOptional<z.ZodNumber>;
        max: z.ZodOptional<z.ZodNumber>;
        above: z.ZodOptional<z.ZodNumber>;
        below: z.ZodOptional<z.ZodNumber>;
        equals: z.ZodOptional<z.ZodUnion<readonly [z.ZodBoolean, z.ZodString, z.ZodNumber]>>;
        vs_baseline: z.ZodOptional<z.ZodObject<{
            min_delta: z.ZodOptional<z.ZodNumber>;
            max_delta: z.ZodOptional<z.ZodNumber>;
            min_relative: z.ZodOptional<z.ZodNumber>;
            max_relative: z.ZodOptional<z.ZodNumber>;
            metric: z.ZodOptional<z.ZodString>;
        }, z.core.$strict>>;
        schema_compatible: z.ZodOptional<z.ZodObject<{
            evidence: z.ZodString;
        }, z.core.$strict>>;
        checks: z.ZodOptional<z.ZodArray<z.ZodString>>;
        app: z.ZodOptional<z.ZodString>;
        lineage: z.ZodOptional<z.ZodArray<z.ZodEnum<{
            model_digest: "model_digest";
            data_snapshot: "data_snapshot";
            code_commit: "code_commit";
            environment_lock: "environment_lock";
            model_uri: "model_uri";
        }>>>;
        verify_model_file: z.ZodOptional<z.ZodBoolean>;
        max_model_file_bytes: z.ZodOptional<z.ZodNumber>;
        evidence: z.ZodOptional<z.ZodString>;
        severity: z.ZodOptional<z.ZodEnum<{
            block: "block";
            warn: "warn";
        }>>;
        optional: z.ZodOptional<z.ZodBoolean>;
    }, z.core.$strict>>>;
    approvals: z.ZodOptional<z.ZodObject<{
        required: z.ZodNumber;
        environments: z.ZodArray<z.ZodString>;
        prevent_self_approval: z.ZodOptional<z.ZodBoolean>;
    }, z.core.$strict>>;
    rollout: z.ZodOptional<z.ZodObject<{
        strategy: z.ZodEnum<{
            canary: "canary";
            shadow: "shadow";
            direct: "direct";
        }>;
        steps: z.ZodOptional<z.ZodArray<z.ZodObject<{
            weight: z.ZodNumber;
            hold: z.ZodOptional<z.ZodString>;
        }, z.core.$strict>>>;
    }, z.core.$strict>>;
    rollback: z.ZodOptional<z.ZodObject<{
        to: z.ZodOptional<z.ZodUnion<readonly [z.ZodString, z.ZodNumber]>>;
        when: z.ZodArray<z.ZodObject<{
            metric: z.ZodString;
            above: z.ZodOptional<z.ZodNumber>;
            below: z.ZodOptional<z.ZodNumber>;
            drop_relative: z.ZodOptional<z.ZodNumber>;
            for: z.ZodOptional<z.ZodString>;
            baseline_window: z.ZodOptional<z.ZodString>;
        }, z.core.$strict>>;
    }, z.core.$strict>>;
}, z.core.$strict>;
export declare const policySchema: z.ZodObject<{
    $schema: z.ZodOptional<z.ZodString>;
    version: z.ZodLiteral<1>;
    model: z.ZodString;
    stages: z.ZodArray<z.ZodString>;
    baseline: z.ZodOptional<z.ZodString>;
    evidence: z.ZodOptional<z.ZodRecord<z.ZodString, z.ZodObject<{
        artifact: z.ZodOptional<z.ZodString>;
        path: z.ZodOptional<z.ZodString>;
        format: z.ZodOptional<z.ZodEnum<{
            json: "json";
            yaml: "yaml";
            evidently: "evidently";
            k6: "k6";
            samples: "samples";
            predictions: "predictions";
            histogram: "histogram";
            timeseries: "timeseries";
            prometheus: "prometheus";
        }>>;
        series: z.ZodOptional<z.ZodString>;
        reference: z.ZodOptional<z.ZodString>;
        current: z.ZodOptional<z.ZodString>;
        group: z.ZodOptional<z.ZodString>;
        label: z.ZodOptional<z.ZodString>;
        prediction: z.ZodOptional<z.ZodString>;
        positive: z.ZodOptional<z.ZodString>;
        allow_fork_runs: z.ZodOptional<z.ZodBoolean>;
    }, z.core.$strict>>>;
    transitions: z.ZodArray<z.ZodObject<{
        from: z.ZodOptional<z.ZodString>;
        to: z.ZodString;
        gates: z.ZodOptional<z.ZodArray<z.ZodObject<{
            id: z.ZodString;
            description: z.ZodOptional<z.ZodString>;
            metric: z.ZodOptional<z.ZodString>;
            min: z.ZodOptional<z.ZodNumber>;
            max: z.ZodOptional<z.ZodNumber>;
            above: z.ZodOptional<z.ZodNumber>;
            below: z.ZodOptional<z.ZodNumber>;
            equals: z.ZodOptional<z.ZodUnion<readonly [z.ZodBoolean, z.ZodString, z.ZodNumber]>>;
            vs_baseline: z.ZodOptional<z.ZodObject<{
                min_delta: z.ZodOptional<z.ZodNumber>;
                max_delta: z.ZodOptional<z.ZodNumber>;
                min_relative: z.ZodOptional<z.ZodNumber>;
                max_relative: z.ZodOptional<z.ZodNumber>;
                metric: z.ZodOptional<z.ZodString>;
            }, z.core.$strict>>;
            schema_compatible: z.ZodOptional<z.ZodObject<{
                evidence: z.ZodString;
            }, z.core.$strict>>;
            checks: z.ZodOptional<z.ZodArray<z.ZodString>>;
            app: z.ZodOptional<z.ZodString>;
            lineage: z.ZodOptional<z.ZodArray<z.ZodEnum<{
                model_digest: "model_digest";
                data_snapshot: "data_snapshot";
                code_commit: "code_commit";
                environment_lock: "environment_lock";
                model_uri: "model_uri";
            }>>>;
            verify_model_file: z.ZodOptional<z.ZodBoolean>;
            max_model_file_bytes: z.ZodOptional<z.ZodNumber>;
            evidence: z.ZodOptional<z.ZodString>;
            severity: z.ZodOptional<z.ZodEnum<{
                block: "block";
                warn: "warn";
            }>>;
            optional: z.ZodOptional<z.ZodBoolean>;
        }, z.core.$strict>>>;
        approvals: z.ZodOptional<z.ZodObject<{
            required: z.ZodNumber;
            environments: z.ZodArray<z.ZodString>;
            prevent_self_approval: z.ZodOptional<z.ZodBoolean>;
        }, z.core.$strict>>;
        rollout: z.ZodOptional<z.ZodObject<{
            strategy: z.ZodEnum<{
                canary: "canary";
                shadow: "shadow";
                direct: "direct";
            }>;
            steps: z.ZodOptional<z.ZodArray<z.ZodObject<{
                weight: z.ZodNumber;
                hold: z.ZodOptional<z.ZodString>;
            }, z.core.$strict>>>;
        }, z.core.$strict>>;
        rollback: z.ZodOptional<z.ZodObject<{
            to: z.ZodOptional<z.ZodUnion<readonly [z.ZodString, z.ZodNumber]>>;
            when: z.ZodArray<z.ZodObject<{
                metric: z.ZodString;
                above: z.ZodOptional<z.ZodNumber>;
                below: z.ZodOptional<z.ZodNumber>;
                drop_relative: z.ZodOptional<z.ZodNumber>;
                for: z.ZodOptional<z.ZodString>;
                baseline_window: z.ZodOptional<z.ZodString>;
            }, z.core.$strict>>;
        }, z.core.$strict>>;
    }, z.core.$strict>>;
}, z.core.$strict>;
export type PolicyInput = z.infer<typeof policySchema>;
export type GateInput = z.infer<typeof gateSchema>;
