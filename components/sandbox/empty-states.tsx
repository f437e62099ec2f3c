import { AlertTriangle, Boxes, SearchX } from "lucide-react";
import type { ReactNode } from "react";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";

function EmptyState({ icon, title, children, testId }: { icon: ReactNode; title: string; children: ReactNode; testId: string }) {
  return (
    <section
      className="flex flex-col items-center gap-3 rounded-lg border border-dashed border-border px-6 py-10 text-center"
      data-testid={testId}
    >
      <span className="text-muted [&_svg]:size-8" aria-hidden="true">
        {icon}
      </span>
      <h2 className="text-lg font-semibold">{title}</h2>
      {children}
    </section>
  );
}

/** No sandbox at all yet: what one is, the limit, and how to make one. */
export function FirstRunEmpty({ limit, createButton }: { limit: number; createButton: ReactNode }) {
  return (
    <EmptyState icon={<Boxes />} title="No sandboxes yet" testId="empty-first-run">
      <p className="max-w-md text-sm text-muted">
        A sandbox is a short-lived container of your own where you can run commands from the browser. It stops by itself when its lifetime
        ends. You can have up to {limit} active at a time.
      </p>
      {createButton}
    </EmptyState>
  );
}

/** The filters match nothing. */
export function NoMatchEmpty({ onReset }: { onReset: () => void }) {
  return (
    <EmptyState icon={<SearchX />} title="No sandboxes match" testId="empty-no-match">
      <p className="text-sm text-muted">Nothing matches this search and filter.</p>
      <Button onClick={onReset}>Reset filters</Button>
    </EmptyState>
  );
}

/** Nothing active, some ended. */
export function NothingActiveEmpty({
  endedCount,
  createButton,
  onShowEnded,
}: {
  endedCount: number;
  createButton: ReactNode;
  onShowEnded?: () => void;
}) {
  return (
    <EmptyState icon={<Boxes />} title="No active sandboxes" testId="empty-nothing-active">
      <p className="text-sm text-muted">
        No active sandboxes · {endedCount} ended
        {onShowEnded && endedCount > 0 && (
          <>
            {" "}
            <button type="button" className="underline" onClick={onShowEnded}>
              Show ended
            </button>
          </>
        )}
      </p>
      {createButton}
    </EmptyState>
  );
}

/** The list could not be loaded: the API's message and a retry. */
export function ListErrorState({ message, onRetry }: { message: string; onRetry: () => void }) {
  return (
    <Alert variant="error" className="flex-col items-center gap-3 rounded-lg px-6 py-8 text-center text-base" data-testid="list-error">
      <AlertTriangle className="size-8" aria-hidden="true" />
      <h2 className="text-lg font-semibold">Your sandboxes could not be loaded</h2>
      <p className="text-sm">{message}</p>
      <Button onClick={onRetry}>Try again</Button>
    </Alert>
  );
}
