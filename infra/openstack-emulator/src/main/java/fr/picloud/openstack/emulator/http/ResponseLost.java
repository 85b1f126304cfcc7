package fr.picloud.openstack.emulator.http;

/**
 * Raised after a call has changed the cloud, to make it look as if the answer never arrived: the
 * caller sees an error or a hung connection although the resource exists. This is the case a saga
 * must survive by finding what it created by name or tag. The emulator answers it after releasing
 * its lock, so a hung call blocks nobody else.
 */
public final class ResponseLost extends RuntimeException {

    private final ApiError error;

    private ResponseLost(ApiError error) {
        super("response lost", null, false, false);
        this.error = error;
    }

    /** The answer is replaced by this error. */
    public static ResponseLost answering(ApiError error) {
        return new ResponseLost(error);
    }

    /** The call never answers (until faults are cleared or the emulator stops). */
    public static ResponseLost hanging() {
        return new ResponseLost(null);
    }

    public boolean hangs() {
        return error == null;
    }

    public ApiError error() {
        return error;
    }
}
