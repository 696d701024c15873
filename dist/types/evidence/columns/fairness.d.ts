import { type FairnessReport } from '../../stats/fairness.js';
import { type TableInput } from './read.js';
import { type ReadProgress } from './table.js';
export interface FairnessColumns {
    group: string;
    label: string;
    prediction: string;
    /** The label / prediction value meaning "positive" (default "1"; "1.0" matches "1"). */
    positive?: string;
    onProgress?: (progress: ReadProgress) => void;
}
/** Reads group, label and prediction columns (CSV or Parquet) and computes the fairness report. */
export declare function fairnessOfFile(input: TableInput, columns: FairnessColumns): Promise<FairnessReport & {
    positive: string;
}>;
