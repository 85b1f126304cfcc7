package fr.picloud.ops;

import fr.picloud.platform.test.ServiceBaselineContract;

@OpsIntegrationTest
class ServiceBaselineIT extends ServiceBaselineContract {}
