import fs from 'node:fs';
import path from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  cspProblems,
  decideNavigation,
  decideRedirect,
  DESKTOP_CSP,
  isAppUrl,
  isPermissionAllowed,
  isTrustedIpcSender,
  parseExternalUrl,
  APP_ENTRY_URL,
  APP_SCHEME_PRIVILEGES,
  appLocationOf,
  appRequestPath,
  rendererSource,
  SECURE_WEB_PREFERENCES,
  type AppLocation,
} from '../../src/main/electron/security-rules';
import { parse as parseYaml } from 'yaml';
import { PAGE_CSP } from '../../src/main/server/security';

/**
 * The desktop shell's rules, fed hostile input. Electron itself cannot run
 * here; security.ts only wires these functions to Electron's events.
 */
const ROOT = path.resolve(__dirname, '../..');
const DEV: AppLocation = { kind: 'dev', origin: 'http://localhost:5173' };
/** The packaged page, served by protocol.handle on the app's own scheme. */
const ENTRY = APP_ENTRY_URL;
const FILE: AppLocation = { kind: 'app' };

describe('external links', () => {
  it.each([
    ['https://arxiv.org/abs/2509.04664', 'https://arxiv.org/abs/2509.04664'],
    [
      'http://example.com:8080/a/b?q=1&r=<2>#frag',
      'http://example.com:8080/a/b?q=1&r=%3C2%3E#frag',
    ],
    ['HTTPS://GitHub.com/Owner/Repo', 'https://github.com/Owner/Repo'],
    ['https://bücher.example/ü', 'https://xn--bcher-kva.example/%C3%BC'],
    ['https://[::1]:8443/', 'https://[::1]:8443/'],
    ['https://huggingface.co/papers/2509.04664?x=javascript:alert(1)', null],
  ])('opens %s', (raw, expected) => {
    const url = parseExternalUrl(raw);
    expect(url).not.toBeNull();
    if (expected) expect(url?.toString()).toBe(expected);
  });

  it.each([
    'javascript:alert(1)',
    'JaVaScRiPt:alert(1)',
    ' javascript:alert(1)',
    'java\tscript:alert(1)',
    'javascript://%0aalert(1)',
    'javascript:/*https://x.com*/alert(1)',
    'vbscript:msgbox(1)',
    'data:text/html,<script>alert(1)</script>',
    'data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==',
    'blob:https://example.com/4b1f-9e2c',
    'file:///etc/passwd',
    'FILE:///C:/Windows/System32/calc.exe',
    'file://server/share/evil.exe',
    '\\\\server\\share\\evil.exe',
    '//evil.example/path',
    '/etc/passwd',
    'relative/path.html',
    '../../../etc/passwd',
    'C:\\Windows\\System32\\calc.exe',
    'about:blank',
    'chrome://settings',
    'devtools://devtools/bundled/inspector.html',
    'ms-settings:privacy',
    'ms-msdt:/id PCWDiagnostic',
    'search-ms:query=calc',
    'smb://server/share',
    'ftp://example.com/file',
    'mailto:someone@example.com',
    'tel:+15555555555',
    'http:evil.example',
    'https:/evil.example',
    'https://user:pass@example.com/',
    'https://user@example.com/',
    'https://arxiv.org@evil.example/',
    'https://:@example.com/',
    'https:\\\\evil.example',
    'https://evil.example\\@arxiv.org/',
    'https://example.com/\u202egnp.exe',
    'https://exa\u200bmple.com/',
    'https://example.com\u0000.evil.example/',
    'https://example.com/\n',
    'https://example.com/ ',
    ' https://example.com/',
    'https://example.com/\u00ad',
    'https://example.com/\ufeff',
    'http://',
    'https://',
    '',
    `https://example.com/${'a'.repeat(5000)}`,
  ])('refuses %j', (raw) => {
    expect(parseExternalUrl(raw)).toBeNull();
  });

  it.each([
    null,
    undefined,
    42,
    {},
    ['https://example.com'],
    { toString: () => 'https://example.com' },
  ])('refuses a non-string %j', (raw) => {
    expect(parseExternalUrl(raw)).toBeNull();
  });
});

describe('external links, any input', () => {
  it('whatever comes in, only a credential-free http(s) URL with a host comes out', () => {
    const scheme = fc.constantFrom(
      'http://',
      'https://',
      'HTTP://',
      'javascript:',
      'file://',
      'data:',
      '//',
      '',
      ' ',
      '\\\\',
    );
    const tail = fc.string({ unit: 'binary', maxLength: 60 });
    fc.assert(
      fc.property(
        fc.oneof(
          fc.tuple(scheme, tail).map(([a, b]) => a + b),
          fc.string({ unit: 'binary' }),
        ),
        (raw) => {
          const url = parseExternalUrl(raw);
          if (url === null) return;
          expect(['http:', 'https:']).toContain(url.protocol);
          expect(url.username + url.password).toBe('');
          expect(url.hostname).not.toBe('');
          expect(raw.toLowerCase().startsWith('http')).toBe(true);
        },
      ),
      { numRuns: 2000 },
    );
  });
});

describe("the app's own page", () => {
  it('in development: only the dev server origin', () => {
    for (const ok of [
      'http://localhost:5173/',
      'http://localhost:5173/#/paper/2509.04664',
      'http://LOCALHOST:5173/?a=b',
    ]) {
      expect(isAppUrl(ok, DEV)).toBe(true);
    }
    for (const bad of [
      'http://localhost:5173.evil.example/',
      'http://localhost:5174/',
      'https://localhost:5173/',
      'http://user@localhost:5173/',
      'http://evil.example/?http://localhost:5173',
      'http://127.0.0.1:5173/',
      'javascript:alert(1)//http://localhost:5173',
      'data:text/html,x',
      ENTRY,
      '',
      'not a url',
    ]) {
      expect(isAppUrl(bad, DEV), bad).toBe(false);
    }
  });

  it('packaged: only the entry page on app://papershelf, never another file or file://', () => {
    expect(ENTRY).toBe('app://papershelf/index.html');
    for (const ok of [ENTRY, `${ENTRY}?x=1`, `${ENTRY}#/paper/2509.04664`, 'app://papershelf/']) {
      expect(isAppUrl(ok, FILE), ok).toBe(true);
    }
    for (const bad of [
      'app://papershelf/other.html',
      'app://papershelf/assets/index.js',
      'app://papershelf/index.html/../../../../etc/passwd',
      'app://papershelf/%2e%2e/secret/index.html',
      'app://papershelf/index.html%00.png',
      'app://evil/index.html',
      'app://papershelf:8080/index.html',
      'app://user@papershelf/index.html',
      'file:///opt/Papershelf/resources/app.asar/out/renderer/index.html',
      'file:///etc/passwd',
      'http://localhost:5173/',
      'https://papershelf/index.html',
      'javascript:alert(1)//app://papershelf/index.html',
    ]) {
      expect(isAppUrl(bad, FILE), bad).toBe(false);
    }
  });

  it('trusts nothing before the window has said where the app is', () => {
    expect(isAppUrl(ENTRY, null)).toBe(false);
    expect(isTrustedIpcSender({ url: ENTRY, parent: null }, null)).toBe(false);
    expect(decideNavigation(ENTRY, null)).toBe('deny');
  });
});

describe('IPC senders', () => {
  it('accepts only the top-level app page', () => {
    expect(isTrustedIpcSender({ url: ENTRY, parent: null }, FILE)).toBe(true);
    expect(isTrustedIpcSender({ url: 'http://localhost:5173/#/x', parent: null }, DEV)).toBe(true);
    // A subframe of our own page (an embedded PDF, an iframe a bug let in) is not the app.
    expect(isTrustedIpcSender({ url: ENTRY, parent: { url: ENTRY } }, FILE)).toBe(false);
    expect(isTrustedIpcSender({ url: 'https://evil.example/', parent: null }, FILE)).toBe(false);
    expect(isTrustedIpcSender({ url: 'file:///tmp/evil.html', parent: null }, FILE)).toBe(false);
    expect(isTrustedIpcSender({ url: 'app://papershelf/evil.html', parent: null }, FILE)).toBe(
      false,
    );
    expect(isTrustedIpcSender(null, FILE)).toBe(false);
    expect(isTrustedIpcSender(undefined, FILE)).toBe(false);
  });
});

describe('navigation', () => {
  it('stays in the app; web links go to the OS browser; everything else is blocked', () => {
    expect(decideNavigation(`${ENTRY}#/settings`, FILE)).toBe('allow');
    expect(decideNavigation('https://arxiv.org/abs/2509.04664', FILE)).toBe('open-externally');
    for (const bad of [
      'javascript:alert(1)',
      'file:///etc/passwd',
      'data:text/html,x',
      'https://u:p@x.example/',
      'chrome://gpu',
    ]) {
      expect(decideNavigation(bad, FILE), bad).toBe('deny');
    }
  });

  it('never follows a redirect or subframe navigation out of the app', () => {
    expect(decideRedirect(`${ENTRY}#/x`, FILE)).toBe('allow');
    expect(decideRedirect('https://arxiv.org/', FILE)).toBe('deny');
    expect(decideRedirect('http://localhost:5173/', DEV)).toBe('allow');
    expect(decideRedirect('http://localhost:5173.evil.example/', DEV)).toBe('deny');
  });
});

describe('permissions', () => {
  it('denies everything but writing to the clipboard from the app page', () => {
    expect(isPermissionAllowed('clipboard-sanitized-write', ENTRY, true, FILE)).toBe(true);
    expect(isPermissionAllowed('clipboard-sanitized-write', ENTRY, false, FILE)).toBe(false);
    expect(
      isPermissionAllowed('clipboard-sanitized-write', 'https://evil.example/', true, FILE),
    ).toBe(false);
    expect(isPermissionAllowed('clipboard-sanitized-write', undefined, true, FILE)).toBe(false);
    for (const permission of [
      'clipboard-read',
      'media',
      'display-capture',
      'notifications',
      'geolocation',
      'midi',
      'midiSysex',
      'hid',
      'serial',
      'usb',
      'openExternal',
      'fileSystem',
      'pointerLock',
      'fullscreen',
      'unknown',
      '__proto__',
    ]) {
      expect(isPermissionAllowed(permission, ENTRY, true, FILE), permission).toBe(false);
    }
  });
});

describe('window preferences and CSP', () => {
  it('every window is isolated, sandboxed, without Node (workers and frames too), without webview', () => {
    expect(SECURE_WEB_PREFERENCES).toMatchObject({
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
      experimentalFeatures: false,
      // Chromium's spellchecker downloads dictionaries.
      spellcheck: false,
    });
  });

  it('the CSP checker catches what it must', () => {
    expect(
      cspProblems(
        "default-src 'self'; script-src 'self' 'unsafe-eval'; object-src 'none'; base-uri 'none'",
      ),
    ).toContain("script-src allows 'unsafe-eval'");
    expect(
      cspProblems("script-src 'self' https://cdn.example.com; object-src 'none'; base-uri 'none'"),
    ).toContain('script-src allows https://cdn.example.com');
    expect(
      cspProblems("script-src 'self' 'unsafe-inline'; object-src 'none'; base-uri 'none'"),
    ).toContain("script-src allows 'unsafe-inline'");
    expect(cspProblems("default-src *; object-src 'none'; base-uri 'none'")).toContain(
      'script-src allows *',
    );
    expect(cspProblems("script-src 'self'")).toEqual([
      "object-src is not 'none'",
      "base-uri is not 'none'",
    ]);
    expect(cspProblems('')).toContain('no script-src (nor default-src): scripts from anywhere');
  });

  it('every CSP we ship passes: desktop header, the page meta tag, browser mode', () => {
    expect(cspProblems(DESKTOP_CSP)).toEqual([]);
    expect(cspProblems(PAGE_CSP)).toEqual([]);
    const html = fs.readFileSync(path.join(ROOT, 'src/renderer/index.html'), 'utf8');
    const meta = /http-equiv="Content-Security-Policy"\s+content="([^"]+)"/.exec(html)?.[1];
    expect(meta, 'index.html carries a CSP meta tag').toBeDefined();
    expect(cspProblems(meta as string)).toEqual([]);
    // One policy: the meta tag is the shared one minus what a meta tag cannot set.
    expect(DESKTOP_CSP).toBe(PAGE_CSP);
    expect(meta).toBe(
      PAGE_CSP.split('; ')
        .filter((directive) => !directive.startsWith('frame-ancestors'))
        .join('; '),
    );
  });
});

describe('wiring', () => {
  const read = (file: string) => fs.readFileSync(path.join(ROOT, file), 'utf8');

  it('security is the first import of the Electron entry', () => {
    const entry = read('src/main/electron/index.ts');
    const firstImport = /^import\s+[^;]*?['"]([^'"]+)['"]/m.exec(entry)?.[1];
    expect(firstImport).toBe('./security');
  });

  it('the rules module stays free of electron (so these tests test the real thing)', () => {
    expect(read('src/main/electron/security-rules.ts')).not.toMatch(/from ['"]electron['"]/);
  });

  it('security.ts applies every rule to every webContents and session', () => {
    const source = read('src/main/electron/security.ts');
    for (const hook of [
      'app.enableSandbox()',
      'setWindowOpenHandler',
      "'will-navigate'",
      "'will-frame-navigate'",
      "'will-redirect'",
      "'will-attach-webview'",
      "'web-contents-created'",
      "'session-created'",
      'setPermissionRequestHandler',
      'setPermissionCheckHandler',
      'setDevicePermissionHandler',
      'setDisplayMediaRequestHandler',
      'onHeadersReceived',
    ]) {
      expect(source, hook).toContain(hook);
    }
  });

  it('windows are made with the secure preferences', () => {
    expect(read('src/main/electron/window.ts')).toMatch(/\.\.\.SECURE_WEB_PREFERENCES/);
  });

  it('the renderer is served by protocol.handle on the app scheme, never loaded from file://', () => {
    const security = read('src/main/electron/security.ts');
    expect(security).toContain('protocol.registerSchemesAsPrivileged');
    expect(security).toContain('protocol.handle(APP_SCHEME');
    const window = read('src/main/electron/window.ts');
    expect(window).not.toMatch(/loadFile\(|file:\/\//);
    expect(window).toMatch(/rendererSource\(process\.env, app\.isPackaged\)/);
  });
});

describe('the renderer on its own scheme', () => {
  it('is asked for by path on app://papershelf only', () => {
    expect(appRequestPath('app://papershelf/index.html')).toBe('/index.html');
    expect(appRequestPath('app://papershelf/assets/index-abc.js?v=1#x')).toBe(
      '/assets/index-abc.js',
    );
    expect(appRequestPath('app://papershelf')).toBe('/');
    // The URL parser removes dot segments (encoded ones too); what is left is
    // looked up inside the renderer folder, which refuses any that remain and
    // symlinks out (util/static-files.ts).
    expect(appRequestPath('app://papershelf/a/../../../etc/passwd')).toBe('/etc/passwd');
    expect(appRequestPath('app://papershelf/%2e%2e/x')).toBe('/x');
    for (const bad of [
      'app://evil/index.html',
      'app://papershelf:1/index.html',
      'app://u:p@papershelf/index.html',
      'file:///index.html',
      'https://papershelf/index.html',
      'not a url',
      42,
      null,
    ]) {
      expect(appRequestPath(bad), String(bad)).toBeNull();
    }
  });

  it('is a plain secure origin: no CSP bypass, no service workers, no CORS exemption', () => {
    expect(APP_SCHEME_PRIVILEGES).toEqual({
      standard: true,
      secure: true,
      supportFetchAPI: true,
      stream: true,
    });
  });

  it('the dev server URL counts only when not packaged, and only on loopback over http(s)', () => {
    const dev = { ELECTRON_RENDERER_URL: 'http://localhost:5173/' };
    expect(rendererSource(dev, false)).toEqual({ kind: 'dev', url: 'http://localhost:5173/' });
    expect(rendererSource(dev, true)).toEqual({ kind: 'app' });
    expect(rendererSource({}, false)).toEqual({ kind: 'app' });
    for (const url of [
      'https://evil.example/',
      'http://192.168.1.5:5173/',
      'file:///tmp/evil.html',
      'javascript:alert(1)',
      'http://user:pw@localhost:5173/',
      'not a url',
    ]) {
      expect(rendererSource({ ELECTRON_RENDERER_URL: url }, false), url).toEqual({ kind: 'app' });
    }
    expect(rendererSource({ ELECTRON_RENDERER_URL: 'http://127.0.0.1:5173' }, false)).toEqual({
      kind: 'dev',
      url: 'http://127.0.0.1:5173/',
    });
    expect(appLocationOf({ kind: 'dev', url: 'http://localhost:5173/x' })).toEqual({
      kind: 'dev',
      origin: 'http://localhost:5173',
    });
    expect(appLocationOf({ kind: 'app' })).toEqual({ kind: 'app' });
  });
});

describe('packaging (electron-builder.yml)', () => {
  const config = parseYaml(fs.readFileSync(path.join(ROOT, 'electron-builder.yml'), 'utf8')) as {
    asar?: boolean;
    electronFuses?: Record<string, boolean>;
  };

  it("sets Electron's fuses: no Node escape hatches, encrypted cookies, only the checked asar", () => {
    expect(config.asar).toBe(true);
    expect(config.electronFuses).toEqual({
      runAsNode: false,
      enableNodeOptionsEnvironmentVariable: false,
      enableNodeCliInspectArguments: false,
      enableCookieEncryption: true,
      onlyLoadAppFromAsar: true,
      enableEmbeddedAsarIntegrityValidation: true,
      grantFileProtocolExtraPrivileges: false,
      loadBrowserProcessSpecificV8Snapshot: false,
    });
  });

  it('every fuse key is one electron-builder knows', () => {
    const scheme = JSON.parse(
      fs.readFileSync(path.join(ROOT, 'node_modules/app-builder-lib/scheme.json'), 'utf8'),
    ) as { definitions: { FuseOptionsV1: { properties: Record<string, unknown> } } };
    const known = Object.keys(scheme.definitions.FuseOptionsV1.properties);
    for (const key of Object.keys(config.electronFuses ?? {})) expect(known, key).toContain(key);
  });

  it('nothing in the app needs ELECTRON_RUN_AS_NODE (the runAsNode fuse is off)', () => {
    const sources = fs
      .readdirSync(path.join(ROOT, 'src/main'), { recursive: true, encoding: 'utf8' })
      .filter((f) => f.endsWith('.ts'))
      .map((f) => fs.readFileSync(path.join(ROOT, 'src/main', f), 'utf8'));
    for (const text of sources) {
      expect(text).not.toMatch(/child_process['"][\s\S]*\bfork\(|ELECTRON_RUN_AS_NODE/);
    }
  });
});
