package io.sesame.admin.audit;

import io.sesame.audit.boundary.AuditSearch;
import io.sesame.audit.control.CallQuery;
import jakarta.ejb.EJB;
import jakarta.servlet.annotation.HttpConstraint;
import jakarta.servlet.annotation.ServletSecurity;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;

/** Streams the call audit matching the portal's filters as CSV (RFC 4180, formulas defused), row by row. */
@WebServlet("/audit/export.csv")
@ServletSecurity(@HttpConstraint(rolesAllowed = {"admin", "reviewer", "auditor"}))
public class AuditExportServlet extends HttpServlet {

    private static final long serialVersionUID = 1L;

    @EJB
    AuditSearch search;

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        Map<String, String> params = new LinkedHashMap<>();
        request.getParameterMap().forEach((name, values) -> params.put(name, values[0]));
        CallQuery query;
        try {
            query = CallQuery.parse(params).unpaged();
        } catch (IllegalArgumentException e) {
            response.sendError(HttpServletResponse.SC_BAD_REQUEST, e.getMessage());
            return;
        }
        response.setContentType("text/csv; charset=UTF-8");
        response.setHeader("Content-Disposition", "attachment; filename=\"sesame-calls.csv\"");
        search.export(query, true, response.getOutputStream());
    }
}
