export { writeFileAtomic, writeJsonAtomic } from "./atomic-write.js";
export { FileWriteError } from "./file-write-error.js";
export { stripBom } from "./strip-bom.js";
export { isSystemError, systemErrorReason } from "./system-error.js";
