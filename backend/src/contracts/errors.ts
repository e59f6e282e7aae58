/** The error shape every API failure has (docs/adr/0002-error-shape.md). */
export interface ApiErrorBody {
  error: {
    code: string;
    message: string;
    details: unknown;
    requestId: string;
  };
}
