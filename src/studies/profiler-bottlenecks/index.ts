export { profilerRecommendationsMarkdown } from "./markdown.js";
export { type ProfilerBottlenecksPlan, profilerBottlenecksPlan } from "./plan.js";
export type {
  BackendLatency,
  LatencyFigures,
  LatencyWindow,
  ProfilerStudyResult,
  StudyAdvice,
  StudyFinding,
  StudyRecommendation,
} from "./result.js";
export { type ProfilerStudyOptions, runProfilerStudy } from "./run.js";
