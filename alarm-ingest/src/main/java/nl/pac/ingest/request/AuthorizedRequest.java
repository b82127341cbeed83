package nl.pac.ingest.request;

import jakarta.enterprise.context.RequestScoped;

/** Whether this request's command (a batch: its current item's) passed {@link IngestAuthorization}: publication refuses one that did not. */
@RequestScoped
public class AuthorizedRequest {

    private boolean checked;

    void checked() {
        checked = true;
    }

    /** A batch runs several commands in one request: each must pass on its own. */
    void reset() {
        checked = false;
    }

    boolean isChecked() {
        return checked;
    }
}
