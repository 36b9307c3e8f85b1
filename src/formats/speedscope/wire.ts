/**
 * The speedscope file format (https://www.speedscope.app/file-format-schema.json), the part tracectl
 * writes: frames shared by all profiles, and evented profiles (open/close events of one call stack).
 */

export const SPEEDSCOPE_SCHEMA = 'https://www.speedscope.app/file-format-schema.json';

export interface FrameOut {
  readonly name: string;
  readonly file?: string;
}

export interface FrameEventOut {
  /** "O" opens the frame, "C" closes it; the stack must be closed in the reverse order it was opened. */
  readonly type: 'O' | 'C';
  /** Index into `shared.frames`. */
  readonly frame: number;
  readonly at: number;
}

export interface EventedProfileOut {
  readonly type: 'evented';
  readonly name: string;
  readonly unit: 'nanoseconds';
  readonly startValue: number;
  readonly endValue: number;
  readonly events: FrameEventOut[];
}
