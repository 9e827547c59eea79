export { writeFileAtomic, writeJsonAtomic } from "./atomic-write.js";
