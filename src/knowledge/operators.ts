/**
 * The closed set of condition operators, in a module without zod so that the engine and the
 * assembler can use it without loading the validation library.
 */
export const OPERATOR_NAMES = ['eq', 'ne', 'in', 'notIn', 'lt', 'lte', 'gt', 'gte'] as const;
export type OperatorName = (typeof OPERATOR_NAMES)[number];
