import { main } from './main.js';

// The `neardup` command. Exit codes: 0 done, 1 duplicates found with --fail-on-duplicates, 2 error.
main(process.argv.slice(2), {
  stdout: process.stdout,
  stderr: process.stderr,
  stdin: process.stdin,
  env: process.env,
}).then((code) => {
  process.exitCode = code;
});
