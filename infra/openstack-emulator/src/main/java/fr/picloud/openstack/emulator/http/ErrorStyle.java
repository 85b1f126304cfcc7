package fr.picloud.openstack.emulator.http;

/** How one service words its generic errors: each API has its own body shape. */
public interface ErrorStyle {

    ApiError badRequest(String message);

    ApiError notFound(String message);

    ApiError methodNotAllowed();

    ApiError serverError(int status, String message);

    ErrorStyle NOVA = new ErrorStyle() {
        @Override
        public ApiError badRequest(String message) {
            return ApiError.nova(400, "badRequest", message);
        }

        @Override
        public ApiError notFound(String message) {
            return ApiError.nova(404, "itemNotFound", message);
        }

        @Override
        public ApiError methodNotAllowed() {
            return ApiError.nova(405, "HTTPMethodNotAllowed", "The method specified is not allowed for this resource.");
        }

        @Override
        public ApiError serverError(int status, String message) {
            return ApiError.nova(status, status == 503 ? "serviceUnavailable" : "computeFault", message);
        }
    };

    ErrorStyle NEUTRON = new ErrorStyle() {
        @Override
        public ApiError badRequest(String message) {
            return ApiError.neutron(400, "HTTPBadRequest", message);
        }

        @Override
        public ApiError notFound(String message) {
            return ApiError.neutron(404, "HTTPNotFound", message);
        }

        @Override
        public ApiError methodNotAllowed() {
            return ApiError.neutron(405, "HTTPMethodNotAllowed", "The method is not allowed for this resource.");
        }

        @Override
        public ApiError serverError(int status, String message) {
            return ApiError.neutron(status, status == 503 ? "ServiceUnavailable" : "HTTPInternalServerError", message);
        }
    };

    ErrorStyle KEYSTONE = new ErrorStyle() {
        @Override
        public ApiError badRequest(String message) {
            return ApiError.keystone(400, "Bad Request", message);
        }

        @Override
        public ApiError notFound(String message) {
            return ApiError.keystone(404, "Not Found", message);
        }

        @Override
        public ApiError methodNotAllowed() {
            return ApiError.keystone(405, "Method Not Allowed", "The method is not allowed for the requested URL.");
        }

        @Override
        public ApiError serverError(int status, String message) {
            return ApiError.keystone(status, status == 503 ? "Service Unavailable" : "Internal Server Error", message);
        }
    };

    ErrorStyle GLANCE = new ErrorStyle() {
        @Override
        public ApiError badRequest(String message) {
            return ApiError.glance(400, "Bad Request", message);
        }

        @Override
        public ApiError notFound(String message) {
            return ApiError.glance(404, "Not Found", message);
        }

        @Override
        public ApiError methodNotAllowed() {
            return ApiError.glance(405, "Method Not Allowed", "The method is not allowed for this resource.");
        }

        @Override
        public ApiError serverError(int status, String message) {
            return ApiError.glance(status, status == 503 ? "Service Unavailable" : "Internal Server Error", message);
        }
    };
}
