export interface DD {
    readonly hi: number;
    readonly lo: number;
}
export declare const DD_ZERO: DD;
export declare const DD_ONE: DD;
/** a + b exactly, as a double-double. */
export declare function twoSum(a: number, b: number): DD;
/** a · b exactly, as a double-double. */
export declare function twoProd(a: number, b: number): DD;
export declare function ddAdd(a: DD, b: DD): DD;
export declare const ddNeg: (a: DD) => DD;
export declare const ddSub: (a: DD, b: DD) => DD;
export declare const ddAddD: (a: DD, b: number) => DD;
export declare const ddSubD: (a: DD, b: number) => DD;
export declare function ddMul(a: DD, b: DD): DD;
export declare const ddMulD: (a: DD, b: number) => DD;
/** a / b for doubles, to double-double precision. */
export declare function ddDivDoubles(a: number, b: number): DD;
export declare function ddDiv(a: DD, b: DD): DD;
export declare function ddFloor(a: DD): DD;
export declare const ddIsZero: (a: DD) => boolean;
export declare const ddIsFinite: (a: DD) => boolean;
export declare const ddValue: (a: DD) => number;
/** x · 2^e without spurious overflow/underflow of the factor itself. */
export declare function ldexp(x: number, e: number): number;
/** [m, e] with x = m · 2^e and 0.5 ≤ |m| < 1 (C's frexp). */
export declare function frexp(x: number): [number, number];
export declare function ddFrexp(a: DD): [DD, number];
export declare function ddLdexp(a: DD, e: number): DD;
