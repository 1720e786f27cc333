package io.sesame.admin.security;

import jakarta.servlet.ServletContextEvent;
import jakarta.servlet.ServletContextListener;
import jakarta.servlet.annotation.WebListener;
import org.eclipse.microprofile.config.ConfigProvider;

/**
 * {@code sesame.portal.secure-cookie=true}: the session cookie is always {@code Secure}. Needed behind a proxy that
 * terminates TLS (the container then sees plain HTTP and would send the cookie without it); leave it off when the
 * portal is also used over plain HTTP, where a Secure cookie never comes back.
 */
@WebListener
public class SessionCookieSettings implements ServletContextListener {

    @Override
    public void contextInitialized(ServletContextEvent event) {
        if (ConfigProvider.getConfig().getOptionalValue("sesame.portal.secure-cookie", Boolean.class).orElse(false)) {
            event.getServletContext().getSessionCookieConfig().setSecure(true);
        }
    }
}
