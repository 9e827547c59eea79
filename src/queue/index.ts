export { freePort, type LocalRedis, startLocalRedis } from "./local-redis.js";
export {
  type QueueExecutorOptions,
  type QueueStats,
  type QueueStatus,
  queueExecutor,
} from "./queue-executor.js";
export { type QueueSummary, queueSummary } from "./queue-stats.js";
export { parseQueueUrl, type QueueConnection } from "./queue-url.js";
export {
  type QueueTimings,
  type QueueWorker,
  type QueueWorkerOptions,
  startQueueWorker,
} from "./queue-worker.js";
export { jobIdOf, QUEUE_NAME, type RunJobData, type RunJobResult } from "./run-job.js";
