// Builds dist/inbox.js (one script with no import/export: a classic <script> or a <script type="module"> both
// define <notification-inbox> and window.NotificationInbox) and dist/inbox.mjs (the same as an ES module with exports).
import { build } from "esbuild";

export const shared = {
  entryPoints: ["src/index.ts"],
  bundle: true,
  target: "es2020",
  minify: false,
  legalComments: "none",
  charset: "utf8",
  logLevel: "warning",
};

export const outputs = [
  { ...shared, format: "iife", outfile: "dist/inbox.js" },
  { ...shared, format: "esm", outfile: "dist/inbox.mjs" },
];

if (import.meta.url === `file://${process.argv[1]}`) {
  for (const options of outputs) await build(options);
}
