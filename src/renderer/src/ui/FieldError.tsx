/** A form's error, said at once to screen readers; nothing when there is none. */
export function FieldError({ error, id }: { error: string | null; id?: string }) {
  if (!error) return null;
  return (
    <p id={id} className="field-error" role="alert">
      {error}
    </p>
  );
}
