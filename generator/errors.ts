/** A problem with the command line or the environment (exit 2), not with the docs. */
export class UsageError extends Error {}
