const formTypes = ["multipart/form-data", "application/x-www-form-urlencoded"];

/**
 * A form post to a page whose body cannot be read as a form. Next reads such a post as a
 * server action sent without JavaScript, and a production build answers a body it cannot parse
 * with a bare 500 "Internal Server Error" (found by the input fuzzing: `POST /etc/passwd/exec`,
 * `multipart/form-data; boundary=x`, a JSON body). A form the browser sent parses.
 */
export async function isUnreadableFormPost(request: Request): Promise<boolean> {
  if (request.method !== "POST") return false;
  const type = request.headers.get("content-type")?.toLowerCase() ?? "";
  if (!formTypes.some((form) => type.startsWith(form))) return false;
  try {
    await request.clone().formData();
    return false;
  } catch {
    return true;
  }
}
