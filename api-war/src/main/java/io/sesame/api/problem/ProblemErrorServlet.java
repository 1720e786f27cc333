package io.sesame.api.problem;

import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The container's error page for everything under /api that JAX-RS does not handle (web.xml maps it):
 * a problem+json body instead of the server's HTML page, never a stack trace.
 */
@WebServlet(urlPatterns = ProblemErrorServlet.PATH)
public class ProblemErrorServlet extends HttpServlet {

    static final String PATH = "/_error";
    private static final long serialVersionUID = 1L;
    private static final Logger LOG = Logger.getLogger(ProblemErrorServlet.class.getName());

    @Override
    protected void service(HttpServletRequest request, HttpServletResponse response) throws IOException {
        Object statusAttribute = request.getAttribute(RequestDispatcher.ERROR_STATUS_CODE);
        int status = statusAttribute instanceof Integer code ? code : HttpServletResponse.SC_NOT_FOUND;
        Object uri = request.getAttribute(RequestDispatcher.ERROR_REQUEST_URI);
        String path = uri != null ? uri.toString() : request.getRequestURI();
        Object requestId = request.getAttribute(RequestIds.ATTRIBUTE);

        Throwable error = (Throwable) request.getAttribute(RequestDispatcher.ERROR_EXCEPTION);
        if (error != null) {
            status = HttpServletResponse.SC_INTERNAL_SERVER_ERROR;
            LOG.log(Level.SEVERE, "Unhandled error for request " + requestId, error);
        }
        String detail = switch (status) {
            case 404 -> "No resource at " + path + ". The API lives under /api/v1 (see /openapi).";
            case 405 -> "Method " + request.getMethod() + " is not allowed on " + path + ".";
            case 500 -> "Internal error. Quote request id " + requestId + " when reporting it.";
            default -> null;
        };
        Problem problem = Problem.ofStatus(status, detail, requestId == null ? null : requestId.toString());
        response.resetBuffer();
        response.setStatus(status);
        response.setContentType(Problem.MEDIA_TYPE);
        response.setCharacterEncoding(StandardCharsets.UTF_8.name());
        response.getWriter().write(problem.toJson());
    }
}
