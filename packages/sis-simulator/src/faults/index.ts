export type {
  DelayFault,
  DisconnectMidFileFault,
  DropConnectionMidBodyFault,
  EmptyPageFault,
  ExpireTokenFault,
  Fault,
  FaultKind,
  FaultRequest,
  FaultTrigger,
  HtmlErrorPageFault,
  RateLimitBurstFault,
  StatusFault,
} from './fault.js';
export { httpFaultKinds, sftpFaultKinds } from './fault.js';
export { FaultSchedule } from './fault-schedule.js';
export { htmlErrorPage } from './html-error-page.js';
export type { RequestLogEntry } from './request-log.js';
export { RequestLog } from './request-log.js';
