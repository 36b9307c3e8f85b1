/** Preloaded by rss-wrapper.js: writes this process's resource usage when it exits. */
import { writeFileSync } from 'node:fs';

process.on('exit', () => {
  const file = process.env.BENCH_RSS_FILE;
  if (file) writeFileSync(file, JSON.stringify(process.resourceUsage()));
});
