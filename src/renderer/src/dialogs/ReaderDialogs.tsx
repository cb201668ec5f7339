import { ReadingDialog } from '../daily/ReadingDialog';
import { SaveSearchDialog } from '../daily/SaveSearchDialog';
import { HelpOverlay } from '../keyboard/HelpOverlay';
import type { ReaderStore } from '../state/reader-store';
import { useReader } from '../state/reader-store';
import { exportChoicesOf } from '../state/reader';
import { toasts } from '../ui/toasts';
import { AddPaperDialog } from './AddPaperDialog';
import { BackupsDialog } from './BackupsDialog';
import { DaysDialog } from './DaysDialog';
import { ExportDialog } from './ExportDialog';
import { ImportDialog } from './ImportDialog';

/** The reader's dialogs; which one is open is the reader store's. */
export function ReaderDialogs({ reader }: { reader: ReaderStore }) {
  const state = useReader(reader);
  const { dialog, searchToSave } = state;
  const closer = (name: NonNullable<typeof dialog>) => () => reader.closeDialog(name);
  return (
    <>
      <HelpOverlay open={dialog === 'help'} onClose={closer('help')} />
      <AddPaperDialog
        open={dialog === 'add'}
        onClose={closer('add')}
        onAdded={(result) => {
          toasts.show(
            result.added
              ? `Added “${result.paper.title}”`
              : `“${result.paper.title}” is already in the library`,
          );
          reader.dispatch({ type: 'paperAdded', id: result.paper.id });
        }}
      />
      <ImportDialog open={dialog === 'import'} onClose={closer('import')} />
      <ExportDialog
        open={dialog === 'export'}
        onClose={closer('export')}
        choices={exportChoicesOf(state)}
      />
      <BackupsDialog open={dialog === 'backups'} onClose={closer('backups')} />
      <ReadingDialog open={dialog === 'reading'} onClose={closer('reading')} />
      <SaveSearchDialog
        key={searchToSave ? JSON.stringify(searchToSave) : 'closed'}
        open={searchToSave !== null}
        search={searchToSave}
        onClose={() => reader.dispatch({ type: 'closeSaveSearch' })}
        onSaved={(saved) => {
          reader.dispatch({ type: 'searchSaved', saved });
          toasts.show(`Saved the search “${saved.name}”`);
        }}
      />
      <DaysDialog
        open={dialog === 'days'}
        onClose={closer('days')}
        onOpenPeriod={(day) => reader.navigate({ view: 'all', tag: null, day })}
      />
    </>
  );
}
