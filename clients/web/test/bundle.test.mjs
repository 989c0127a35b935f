import assert from "node:assert/strict";
import { readFile } from "node:fs/promises";
import { test } from "node:test";
import { fileURLToPath } from "node:url";
import { build } from "esbuild";
import { outputs } from "../build.mjs";

const root = fileURLToPath(new URL("..", import.meta.url));

// The silo serves the committed dist/ without npm; it must be what `npm run build` makes of src/.
for (const options of outputs) {
  test(`${options.outfile} is up to date with src/ (run npm run build)`, async () => {
    const result = await build({ ...options, absWorkingDir: root, write: false });
    const built = result.outputFiles[0].text;
    const committed = await readFile(new URL(`../${options.outfile}`, import.meta.url), "utf8");
    assert.ok(built === committed, `${options.outfile} differs from a fresh build`);
  });
}

test("dist/inbox.js has no import or export statement, so a classic <script> can load it", async () => {
  const text = await readFile(new URL("../dist/inbox.js", import.meta.url), "utf8");
  assert.doesNotMatch(text, /^\s*(import|export)\s/m);
  assert.match(text, /customElements\.define/);
});

test("importing the bundle in node (no DOM) defines nothing and throws nothing", async () => {
  const module = await import("../dist/inbox.mjs");
  assert.equal(typeof module.createInboxClient, "function");
  assert.equal(typeof globalThis.NotificationInbox.createInboxClient, "function");
});

test("src/ type-checks (tsc --noEmit, strict)", async () => {
  const { execFile } = await import("node:child_process");
  const tsc = fileURLToPath(new URL("../node_modules/typescript/bin/tsc", import.meta.url));
  const result = await new Promise((resolve) => execFile(process.execPath, [tsc, "--noEmit", "-p", root], (error, stdout, stderr) => resolve({ error, output: stdout + stderr })));
  assert.equal(result.error, null, result.output);
});
