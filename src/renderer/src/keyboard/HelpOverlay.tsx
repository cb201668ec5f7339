import { Dialog } from '../ui/Dialog';
import { BINDINGS, keyLabel, type Binding } from './bindings';

const GROUPS: Binding['group'][] = ['Move', 'Triage', 'Paper', 'App'];

/** `?`: every binding, straight from the table the key handler uses. */
export function HelpOverlay({ open, onClose }: { open: boolean; onClose: () => void }) {
  return (
    <Dialog title="Keyboard shortcuts" open={open} onClose={onClose} className="help">
      <div className="help-groups">
        {GROUPS.map((group) => (
          <section key={group} className="help-group" aria-label={group}>
            <h3>{group}</h3>
            <dl>
              {BINDINGS.filter((b) => b.group === group).map((binding) => (
                <div key={binding.action} className="help-row">
                  <dt>
                    {binding.keys.map((key, i) => (
                      <span key={key}>
                        {i > 0 && <span className="help-or"> or </span>}
                        <kbd>{keyLabel(key)}</kbd>
                      </span>
                    ))}
                  </dt>
                  <dd>{binding.description}</dd>
                </div>
              ))}
            </dl>
          </section>
        ))}
      </div>
      <p className="help-footnote">
        Shortcuts never fire while you type in a field. Press Esc to leave one.
      </p>
    </Dialog>
  );
}
