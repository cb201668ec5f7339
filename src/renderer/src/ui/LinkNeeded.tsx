/**
 * Browser mode without a valid token: the server refused this page. It says
 * where the link is, and nothing more: no token, no library path.
 */
export function LinkNeeded() {
  const origin = window.location.origin;
  return (
    <main className="link-needed" aria-labelledby="link-needed-title">
      <div className="link-needed-card">
        <span className="brand-mark" aria-hidden="true" />
        <h1 id="link-needed-title">Open Papershelf with its link</h1>
        <p>
          This page has no key, or an old one. Papershelf in the browser opens only with its private
          link, so other pages and programs cannot reach your library.
        </p>
        <h2>Where to find the link</h2>
        <ul>
          <li>
            In the terminal where Papershelf runs: <code>papershelf serve</code> prints it when it
            starts, on the line “Papershelf is running at <code>{origin}/?token=…</code>”. Open that
            link; a bookmark of it keeps working after restarts.
          </li>
          <li>
            In the file ending in <code>.serve.json</code> beside your library (readable only by
            you): its <code>token</code> goes after <code>?token=</code>.
          </li>
          <li>
            If someone ran <code>papershelf serve --new-token</code>, links from before stopped
            working: use the new one it printed.
          </li>
        </ul>
      </div>
    </main>
  );
}
