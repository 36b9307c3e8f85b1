/** The tags a Jaeger client puts on a trace's root span to say which sampler kept the trace, and with what parameter. */
export const SAMPLER_TYPE_TAG = 'sampler.type';
export const SAMPLER_PARAM_TAG = 'sampler.param';
