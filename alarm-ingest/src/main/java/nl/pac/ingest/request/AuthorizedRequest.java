package nl.pac.ingest.request;

import jakarta.enterprise.context.RequestScoped;

/** Whether this request's command passed {@link IngestAuthorization}: publication refuses one that did not. */
@RequestScoped
public class AuthorizedRequest {

    private boolean checked;

    void checked() {
        checked = true;
    }

    boolean isChecked() {
        return checked;
    }
}
