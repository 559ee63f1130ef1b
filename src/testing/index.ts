export {
  CONFORMANCE_CHECKS,
  type ConformanceContext,
  type ConformanceMatchers,
  type ConformanceOptions,
  type ConformanceSubject,
  type ConformanceTestApi,
  runAdapterConformance,
} from './conformance.js';
