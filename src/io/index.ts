export { writeFileAtomic, writeJsonAtomic } from "./atomic-write.js";
export { FileWriteError } from "./file-write-error.js";
export { isSystemError, systemErrorReason } from "./system-error.js";
