// jest-dom's matchers (toBeInTheDocument, toHaveTextContent, toBeDisabled...) for the dom project.
import "@testing-library/jest-dom/vitest";
