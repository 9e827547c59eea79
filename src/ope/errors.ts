import { UsageError } from "../errors.js";

/**
 * Input that off-policy evaluation cannot use: a trace without a column it needs, an unknown
 * or unsupported policy, no rows the policy can be judged on. The message names the file,
 * column or policy; it is a {@link UsageError}, so the CLI prints it and exits 2.
 */
export class OpeInputError extends UsageError {}
