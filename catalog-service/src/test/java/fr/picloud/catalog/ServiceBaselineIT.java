package fr.picloud.catalog;

import fr.picloud.platform.test.PiCloudIntegrationTest;
import fr.picloud.platform.test.ServiceBaselineContract;

@PiCloudIntegrationTest
class ServiceBaselineIT extends ServiceBaselineContract {}
