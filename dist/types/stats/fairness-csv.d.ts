import { type CsvProgress } from '../evidence/csv.js';
import type { CsvInput } from './drift-csv.js';
import { type FairnessReport } from './fairness.js';
export interface FairnessColumns {
    group: string;
    label: string;
    prediction: string;
    /** The label / prediction value meaning "positive" (default "1"; "1.0" matches "1"). */
    positive?: string;
    onProgress?: (progress: CsvProgress) => void;
}
/** Reads group, label and prediction columns and computes the fairness report. */
export declare function fairnessOfCsv(input: CsvInput, columns: FairnessColumns): Promise<FairnessReport & {
    positive: string;
}>;
