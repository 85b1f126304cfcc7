package fr.picloud.provisioning;

import fr.picloud.platform.test.PiCloudIntegrationTest;
import fr.picloud.platform.test.ServiceBaselineContract;

@PiCloudIntegrationTest
class ServiceBaselineIT extends ServiceBaselineContract {}
