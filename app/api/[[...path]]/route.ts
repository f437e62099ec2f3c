import { ApiError } from "@/lib/api/errors";
import { apiErrorResponse } from "@/lib/api/error-response";

// Every /api path no other route serves: 404 in the error shape, whatever the method.
const notFound = async () => apiErrorResponse(new ApiError("not_found", "There is no such API route."));

export const GET = notFound;
export const POST = notFound;
export const PUT = notFound;
export const PATCH = notFound;
export const DELETE = notFound;
