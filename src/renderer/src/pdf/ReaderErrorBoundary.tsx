import { Component, type ReactNode } from 'react';

/** A reader that fails (a pdf.js bug, a broken file) shows a message; the app stays. */
export class ReaderErrorBoundary extends Component<
  { children: ReactNode },
  { error: string | null }
> {
  override state = { error: null as string | null };

  static getDerivedStateFromError(error: unknown) {
    return { error: error instanceof Error ? error.message : String(error) };
  }

  override componentDidCatch(error: unknown) {
    console.error('papershelf: the PDF reader failed', error);
  }

  override render() {
    if (this.state.error) {
      return (
        <p className="pdf-loading" role="alert">
          The PDF reader stopped: {this.state.error}
        </p>
      );
    }
    return this.props.children;
  }
}
