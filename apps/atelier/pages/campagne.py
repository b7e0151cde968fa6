"""/campagne"""

from jnt_fresque.app.views import campaign

campaign.render()
