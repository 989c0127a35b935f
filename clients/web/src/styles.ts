/**
 * Every colour, radius and size is a custom property, so a page themes the element from outside:
 *   notification-inbox { --inbox-accent: #0a7; --inbox-panel-width: 420px; }
 * theme="dark" (or "auto" in a dark-preferring system) switches the defaults of the colour properties.
 */
export const styles = `
:host {
  --inbox-font: system-ui, -apple-system, "Segoe UI", Roboto, sans-serif;
  --inbox-bg: #ffffff;
  --inbox-fg: #1b1f24;
  --inbox-muted: #5c6670;
  --inbox-border: #d8dde3;
  --inbox-hover: #f2f4f7;
  --inbox-unread-bg: #eef5ff;
  --inbox-accent: #2563eb;
  --inbox-accent-fg: #ffffff;
  --inbox-badge-bg: #d92d20;
  --inbox-badge-fg: #ffffff;
  --inbox-danger: #b42318;
  --inbox-radius: 10px;
  --inbox-shadow: 0 12px 32px rgba(15, 23, 42, 0.18);
  --inbox-panel-width: 380px;
  --inbox-panel-max-height: 520px;
  --inbox-bell-size: 40px;
  --inbox-z-index: 1000;
  display: inline-block;
  position: relative;
  font-family: var(--inbox-font);
  color: var(--inbox-fg);
}
:host([theme="dark"]) {
  --inbox-bg: #161b22;
  --inbox-fg: #e6edf3;
  --inbox-muted: #9aa5b1;
  --inbox-border: #30363d;
  --inbox-hover: #1f2630;
  --inbox-unread-bg: #1b2a41;
  --inbox-accent: #58a6ff;
  --inbox-accent-fg: #0d1117;
  --inbox-shadow: 0 12px 32px rgba(0, 0, 0, 0.5);
}
@media (prefers-color-scheme: dark) {
  :host(:not([theme="light"]):not([theme="dark"])) {
    --inbox-bg: #161b22;
    --inbox-fg: #e6edf3;
    --inbox-muted: #9aa5b1;
    --inbox-border: #30363d;
    --inbox-hover: #1f2630;
    --inbox-unread-bg: #1b2a41;
    --inbox-accent: #58a6ff;
    --inbox-accent-fg: #0d1117;
    --inbox-shadow: 0 12px 32px rgba(0, 0, 0, 0.5);
  }
}
* { box-sizing: border-box; }
[hidden] { display: none !important; }
button { font: inherit; color: inherit; cursor: pointer; }
:focus-visible { outline: 2px solid var(--inbox-accent); outline-offset: 2px; }
.bell {
  position: relative; width: var(--inbox-bell-size); height: var(--inbox-bell-size);
  border-radius: 50%; border: 1px solid var(--inbox-border); background: var(--inbox-bg); color: var(--inbox-fg);
  display: inline-flex; align-items: center; justify-content: center;
}
.bell svg { width: 60%; height: 60%; }
.badge {
  position: absolute; top: -4px; right: -4px; min-width: 20px; height: 20px; padding: 0 6px; border-radius: 10px;
  background: var(--inbox-badge-bg); color: var(--inbox-badge-fg); font-size: 12px; font-weight: 700; line-height: 20px; text-align: center;
}
.panel {
  position: absolute; right: 0; top: calc(var(--inbox-bell-size) + 8px); z-index: var(--inbox-z-index);
  width: var(--inbox-panel-width); max-width: calc(100vw - 16px); max-height: var(--inbox-panel-max-height);
  display: flex; flex-direction: column; background: var(--inbox-bg); color: var(--inbox-fg);
  border: 1px solid var(--inbox-border); border-radius: var(--inbox-radius); box-shadow: var(--inbox-shadow); overflow: hidden;
}
header { display: flex; align-items: center; gap: 4px; padding: 10px 12px; border-bottom: 1px solid var(--inbox-border); }
header h2 { flex: 1; margin: 0; font-size: 16px; }
.link { background: none; border: none; color: var(--inbox-accent); padding: 4px 6px; border-radius: 6px; font-size: 13px; }
.link:hover { background: var(--inbox-hover); }
[role="tablist"] { display: flex; gap: 2px; padding: 6px 8px 0; border-bottom: 1px solid var(--inbox-border); overflow-x: auto; }
[role="tab"] { background: none; border: none; border-bottom: 2px solid transparent; padding: 6px 10px; color: var(--inbox-muted); font-size: 13px; white-space: nowrap; }
[role="tab"][aria-selected="true"] { color: var(--inbox-fg); border-bottom-color: var(--inbox-accent); font-weight: 600; }
.scroll { overflow-y: auto; flex: 1; }
[role="feed"] { list-style: none; margin: 0; padding: 0; }
article { display: flex; gap: 10px; padding: 10px 12px; border-bottom: 1px solid var(--inbox-border); }
article:hover { background: var(--inbox-hover); }
article.unread { background: var(--inbox-unread-bg); }
.dot { flex: none; width: 8px; height: 8px; margin-top: 6px; border-radius: 50%; background: transparent; }
article.unread .dot { background: var(--inbox-accent); }
.content { flex: 1; min-width: 0; }
.title { margin: 0; font-weight: 600; font-size: 14px; }
.body { margin: 2px 0 0; font-size: 13px; color: var(--inbox-muted); overflow-wrap: anywhere; }
time { display: block; margin-top: 4px; font-size: 12px; color: var(--inbox-muted); }
.actions { display: flex; gap: 6px; margin-top: 6px; }
.action { border: 1px solid var(--inbox-accent); background: var(--inbox-accent); color: var(--inbox-accent-fg); border-radius: 6px; padding: 3px 10px; font-size: 12px; }
.action.secondary { background: transparent; color: var(--inbox-accent); }
.controls { display: flex; flex-direction: column; gap: 2px; align-items: flex-end; }
.icon { background: none; border: 1px solid transparent; border-radius: 6px; padding: 2px 6px; font-size: 12px; color: var(--inbox-muted); }
.icon:hover { border-color: var(--inbox-border); color: var(--inbox-fg); }
.snooze-menu { display: flex; flex-direction: column; gap: 2px; }
.state { padding: 24px 16px; text-align: center; color: var(--inbox-muted); font-size: 14px; }
.state.error { color: var(--inbox-danger); }
.more { display: block; width: 100%; padding: 8px; border: none; background: none; color: var(--inbox-accent); }
.prefs { padding: 12px; overflow-y: auto; font-size: 13px; }
.prefs table { border-collapse: collapse; width: 100%; }
.prefs th, .prefs td { padding: 4px; text-align: center; border-bottom: 1px solid var(--inbox-border); }
.prefs th:first-child, .prefs td:first-child { text-align: left; }
.prefs fieldset { border: 1px solid var(--inbox-border); border-radius: 8px; margin: 12px 0; }
.prefs label { display: inline-flex; align-items: center; gap: 4px; margin: 4px 8px 4px 0; }
.prefs input, .prefs select { font: inherit; color: inherit; background: var(--inbox-bg); border: 1px solid var(--inbox-border); border-radius: 4px; }
.primary { background: var(--inbox-accent); color: var(--inbox-accent-fg); border: none; border-radius: 6px; padding: 6px 14px; }
.sr-only { position: absolute; width: 1px; height: 1px; overflow: hidden; clip: rect(0 0 0 0); white-space: nowrap; }
`;
